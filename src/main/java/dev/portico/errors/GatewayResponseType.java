package dev.portico.errors;

/**
 * API Gateway's gateway response types: the one table of the statuses, {@code x-amzn-ErrorType} values and
 * messages of the gateway's own answers. Statuses are those of AWS's "Gateway response types for API Gateway"
 * page; DEFAULT_4XX and DEFAULT_5XX have none of their own (the error gives it). Error types and messages are
 * those API Gateway sends, where Portico raises the type; {@code null} where it sends no
 * {@code x-amzn-ErrorType} or where no stage of Portico raises the type yet. A type without its own
 * customisation falls back to DEFAULT_4XX or DEFAULT_5XX, as API Gateway does.
 */
public enum GatewayResponseType {
    ACCESS_DENIED(403, "AccessDeniedException", null),
    API_CONFIGURATION_ERROR(500, "InternalServerErrorException", "Internal server error"),
    /** Its body is {@code {"message":null}}: recorded in the wild for an authorizer that fails or answers no policy. */
    AUTHORIZER_CONFIGURATION_ERROR(500, "AuthorizerConfigurationException", null),
    AUTHORIZER_FAILURE(500, null, null),
    BAD_REQUEST_PARAMETERS(400, "BadRequestException", null),
    BAD_REQUEST_BODY(400, "BadRequestException", "Invalid request body"),
    DEFAULT_4XX(0, "BadRequestException", null),
    DEFAULT_5XX(0, "InternalServerErrorException", "Internal server error"),
    EXPIRED_TOKEN(403, null, null),
    INTEGRATION_FAILURE(504, "InternalServerErrorException", "Internal server error"),
    INTEGRATION_TIMEOUT(504, null, "Endpoint request timed out"),
    /** A required API key missing, unknown, disabled or not in a usage plan of the stage: API Gateway's "Forbidden". */
    INVALID_API_KEY(403, "ForbiddenException", "Forbidden"),
    INVALID_SIGNATURE(403, null, null),
    MISSING_AUTHENTICATION_TOKEN(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
    /** The key's usage plan quota for the period is used up. */
    QUOTA_EXCEEDED(429, "LimitExceededException", "Limit Exceeded"),
    REQUEST_TOO_LARGE(413, null, "Request Too Long"),
    RESOURCE_NOT_FOUND(404, null, null),
    /** Over the usage plan's (or method's, or API's) rate or burst limit. */
    THROTTLED(429, "TooManyRequestsException", "Too Many Requests"),
    UNAUTHORIZED(401, "UnauthorizedException", "Unauthorized"),
    /** Its error type is what LocalStack's next_gen gateway sends; no AWS recording shows it. */
    UNSUPPORTED_MEDIA_TYPE(415, "BadRequestException", "Unsupported Media Type"),
    WAF_FILTERED(403, null, null);

    private final int defaultStatus;
    private final String errorType;
    private final String message;

    GatewayResponseType(int defaultStatus, String errorType, String message) {
        this.defaultStatus = defaultStatus;
        this.errorType = errorType;
        this.message = message;
    }

    /** The status API Gateway answers with when nothing customises it; 0 for the two DEFAULT types. */
    public int defaultStatus() {
        return defaultStatus;
    }

    /** The {@code x-amzn-ErrorType} header value, or null for none. */
    public String errorType() {
        return errorType;
    }

    /** The client's {@code {"message": ...}}, or null when it depends on the error. */
    public String message() {
        return message;
    }

    /** DEFAULT_4XX or DEFAULT_5XX, whichever this type falls back to for a status. */
    public static GatewayResponseType fallbackFor(int status) {
        return status >= 500 ? DEFAULT_5XX : DEFAULT_4XX;
    }
}
