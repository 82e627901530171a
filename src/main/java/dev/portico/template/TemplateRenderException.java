package dev.portico.template;

/** A template that failed while rendering; the message is for the log only, never for the client. */
public class TemplateRenderException extends RuntimeException {
    public TemplateRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
