package dev.portico.route;

/** What a non-proxy integration does with a request body whose content type has no request template. */
public enum PassthroughBehavior {
    WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER
}
