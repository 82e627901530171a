package dev.portico.route;

/** {@code contentHandling}: how a body crosses between text and binary; PASSTHROUGH when unset. */
public enum ContentHandling {
    PASSTHROUGH, CONVERT_TO_TEXT, CONVERT_TO_BINARY
}
