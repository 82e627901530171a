package dev.portico.event;

/**
 * An event that cannot become a request. {@link #format()} is the caller as far as it could be told
 * (null when not even that), so that the error still goes back in a shape the caller accepts.
 */
public class BadEventException extends RuntimeException {
    private final CallerFormat format;

    public BadEventException(CallerFormat format, String message) {
        super(message);
        this.format = format;
    }

    public CallerFormat format() {
        return format;
    }
}
