package dev.portico.errors;

/**
 * A request that ends in one of API Gateway's own answers rather than the integration's. Thrown by any
 * stage; {@link GatewayResponses} turns it into the response. The message is what the client sees in
 * {@code {"message": ...}}; {@link #logDetail()} says why, for the log only.
 */
public final class GatewayException extends RuntimeException {
    private final GatewayResponseType type;
    private final int status;
    private final String errorType;
    private final String logDetail;

    private GatewayException(GatewayResponseType type, int status, String message, String errorType,
                             String logDetail, Throwable cause) {
        super(message, cause, false, false);
        this.type = type;
        this.status = status;
        this.errorType = errorType;
        this.logDetail = logDetail;
    }

    public GatewayResponseType type() {
        return type;
    }

    /** The status for this error when the route table does not customise it. */
    public int status() {
        return status;
    }

    /** The {@code x-amzn-ErrorType} header value, or null for none. */
    public String errorType() {
        return errorType;
    }

    public String logDetail() {
        return logDetail;
    }

    private static GatewayException of(GatewayResponseType type, int status, String message, String errorType,
                                       String logDetail) {
        return new GatewayException(type, status, message, errorType, logDetail, null);
    }

    /** No route for this path and method: REST APIs never say 404 or 405. */
    public static GatewayException missingAuthenticationToken(String logDetail) {
        return of(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, 403, "Missing Authentication Token",
                "MissingAuthenticationTokenException", logDetail);
    }

    /** The event itself cannot be understood: not JSON, not HTTP, bad base64 or percent-encoding. */
    public static GatewayException badRequest(String message, String logDetail) {
        return of(GatewayResponseType.DEFAULT_4XX, 400, message, "BadRequestException", logDetail);
    }

    public static GatewayException badRequestParameters(String message) {
        return of(GatewayResponseType.BAD_REQUEST_PARAMETERS, 400, message, "BadRequestException", message);
    }

    public static GatewayException badRequestBody(String logDetail) {
        return of(GatewayResponseType.BAD_REQUEST_BODY, 400, "Invalid request body", "BadRequestException", logDetail);
    }

    public static GatewayException unsupportedMediaType(String logDetail) {
        return of(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, 415, "Unsupported Media Type", "BadRequestException",
                logDetail);
    }

    public static GatewayException requestTooLarge(String logDetail) {
        return of(GatewayResponseType.REQUEST_TOO_LARGE, 413, "Request Too Long", null, logDetail);
    }

    /** A route whose configuration cannot work for this request (a forbidden mapped header, a bad template). */
    public static GatewayException configurationError(String logDetail) {
        return of(GatewayResponseType.API_CONFIGURATION_ERROR, 500, "Internal server error",
                "InternalServerErrorException", logDetail);
    }

    /** The backend could not be reached or answered with something unusable. */
    public static GatewayException integrationFailure(String logDetail) {
        return of(GatewayResponseType.INTEGRATION_FAILURE, 502, "Internal server error",
                "InternalServerErrorException", logDetail);
    }

    public static GatewayException integrationTimeout(String logDetail) {
        return of(GatewayResponseType.INTEGRATION_TIMEOUT, 504, "Endpoint request timed out", null, logDetail);
    }

    /** Anything Portico did not foresee: the client sees API Gateway's plain 500, the log the cause. */
    public static GatewayException internal(String logDetail, Throwable cause) {
        return new GatewayException(GatewayResponseType.DEFAULT_5XX, 500, "Internal server error",
                "InternalServerErrorException", logDetail, cause);
    }
}
