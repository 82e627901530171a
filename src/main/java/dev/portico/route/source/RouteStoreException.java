package dev.portico.route.source;

/** The route store holds no usable version: none imported, chunks missing or corrupt, or a lost race. */
public class RouteStoreException extends RuntimeException {
    public RouteStoreException(String message) {
        super(message);
    }

    public RouteStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
