package dev.portico.errors;

/**
 * API Gateway's gateway response types with their default status codes, as its developer guide lists them
 * ("Gateway response types for API Gateway"). A type without its own status falls back to DEFAULT_4XX or
 * DEFAULT_5XX, as API Gateway does when a type has no customisation.
 */
public enum GatewayResponseType {
    ACCESS_DENIED(403),
    API_CONFIGURATION_ERROR(500),
    AUTHORIZER_CONFIGURATION_ERROR(500),
    AUTHORIZER_FAILURE(500),
    BAD_REQUEST_PARAMETERS(400),
    BAD_REQUEST_BODY(400),
    DEFAULT_4XX(0),
    DEFAULT_5XX(0),
    EXPIRED_TOKEN(403),
    INTEGRATION_FAILURE(504),
    INTEGRATION_TIMEOUT(504),
    INVALID_API_KEY(403),
    INVALID_SIGNATURE(403),
    MISSING_AUTHENTICATION_TOKEN(403),
    QUOTA_EXCEEDED(429),
    REQUEST_TOO_LARGE(413),
    RESOURCE_NOT_FOUND(404),
    THROTTLED(429),
    UNAUTHORIZED(401),
    UNSUPPORTED_MEDIA_TYPE(415),
    WAF_FILTERED(403);

    private final int defaultStatus;

    GatewayResponseType(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    /** The status API Gateway answers with when nothing customises it; 0 for the two DEFAULT types. */
    public int defaultStatus() {
        return defaultStatus;
    }

    /** DEFAULT_4XX or DEFAULT_5XX, whichever this type falls back to for a status. */
    public static GatewayResponseType fallbackFor(int status) {
        return status >= 500 ? DEFAULT_5XX : DEFAULT_4XX;
    }
}
