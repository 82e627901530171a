package dev.portico.template.vtl;

/** A template went past a render budget (output size, string size, work). */
final class RenderLimitException extends RuntimeException {
    RenderLimitException(String message) {
        super(message, null, false, false);
    }
}
