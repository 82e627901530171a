package dev.portico.route.source;

/** No route table could be loaded yet, so no request can be routed; the gateway answers with a 500. */
public class RouteTableUnavailableException extends RuntimeException {
    public RouteTableUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
