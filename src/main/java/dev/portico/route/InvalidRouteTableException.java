package dev.portico.route;

/** A route table that cannot be served; the message names the route (method and path) and the problem. */
public class InvalidRouteTableException extends RuntimeException {
    public InvalidRouteTableException(String message) {
        super(message);
    }

    public InvalidRouteTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
