package dev.portico.template;

/** A template that does not parse; raised at route-table load, never during a request. */
public class TemplateSyntaxException extends RuntimeException {
    public TemplateSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
