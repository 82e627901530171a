package dev.portico.errors;

/**
 * A request that ends in one of API Gateway's own answers rather than the integration's. Thrown by any stage; the
 * gateway turns it into the response, in one place. Its type gives the status, {@code x-amzn-ErrorType} and
 * message ({@link GatewayResponseType}); the message is what the client sees in {@code {"message": ...}},
 * {@link #logDetail()} says why, for the log only.
 */
public final class GatewayException extends RuntimeException {
    /**
     * API Gateway answers a failed backend call with 502, not INTEGRATION_FAILURE's documented 504: recorded on AWS
     * for a Lambda proxy function error and a malformed Lambda proxy answer (conformance cases
     * aws-proxy-lambda-function-error, aws-proxy-lambda-response-*).
     */
    private static final int BAD_GATEWAY = 502;

    private final GatewayResponseType type;
    private final int status;
    private final String logDetail;

    private GatewayException(GatewayResponseType type, int status, String message, String logDetail,
                             Throwable cause) {
        super(message, cause, false, false);
        this.type = type;
        this.status = status;
        this.logDetail = logDetail;
    }

    private static GatewayException of(GatewayResponseType type, String logDetail) {
        return new GatewayException(type, type.defaultStatus(), type.message(), logDetail, null);
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
        return type.errorType();
    }

    public String logDetail() {
        return logDetail;
    }

    /**
     * The message as a JSON string literal, as {@code $context.error.messageString} gives it; {@code null} for the
     * errors API Gateway answers without one (an authorizer's configuration error).
     */
    public String messageString() {
        return getMessage() == null ? "null" : jsonString(getMessage());
    }

    /** No route for this path and method: REST APIs never say 404 or 405. */
    public static GatewayException missingAuthenticationToken(String logDetail) {
        return of(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, logDetail);
    }

    /** The event itself cannot be understood: not JSON, not HTTP, bad base64 or percent-encoding. */
    public static GatewayException badRequest(String message, String logDetail) {
        return new GatewayException(GatewayResponseType.DEFAULT_4XX, 400, message, logDetail, null);
    }

    public static GatewayException badRequestParameters(String message) {
        GatewayResponseType type = GatewayResponseType.BAD_REQUEST_PARAMETERS;
        return new GatewayException(type, type.defaultStatus(), message, message, null);
    }

    public static GatewayException badRequestBody(String logDetail) {
        return of(GatewayResponseType.BAD_REQUEST_BODY, logDetail);
    }

    public static GatewayException unsupportedMediaType(String logDetail) {
        return of(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, logDetail);
    }

    public static GatewayException requestTooLarge(String logDetail) {
        return of(GatewayResponseType.REQUEST_TOO_LARGE, logDetail);
    }

    /** A route whose configuration cannot work for this request (a forbidden mapped header, a bad template). */
    public static GatewayException configurationError(String logDetail) {
        return of(GatewayResponseType.API_CONFIGURATION_ERROR, logDetail);
    }

    /** The backend could not be reached or answered with something unusable: 502, as recorded. */
    public static GatewayException integrationFailure(String logDetail) {
        GatewayResponseType type = GatewayResponseType.INTEGRATION_FAILURE;
        return new GatewayException(type, BAD_GATEWAY, type.message(), logDetail, null);
    }

    public static GatewayException integrationTimeout(String logDetail) {
        return of(GatewayResponseType.INTEGRATION_TIMEOUT, logDetail);
    }

    /** The request lacks what its authorizer needs (an identity source), or the authorizer said "Unauthorized". */
    public static GatewayException unauthorized(String logDetail) {
        return of(GatewayResponseType.UNAUTHORIZED, logDetail);
    }

    /**
     * A Cognito user pool token that verifies but has expired: 401 with API Gateway's own message for it,
     * {@code The incoming token has expired}, still the UNAUTHORIZED gateway response.
     */
    public static GatewayException expiredToken(String logDetail) {
        GatewayResponseType type = GatewayResponseType.UNAUTHORIZED;
        return new GatewayException(type, type.defaultStatus(), "The incoming token has expired", logDetail, null);
    }

    /**
     * The authorizer's policy does not allow the method: with {@code explicit}, a statement denies it, which API
     * Gateway words as "...with an explicit deny"; otherwise no statement allows it.
     */
    public static GatewayException accessDenied(boolean explicit, String logDetail) {
        GatewayResponseType type = GatewayResponseType.ACCESS_DENIED;
        String message = explicit ? "User is not authorized to access this resource with an explicit deny"
                : "User is not authorized to access this resource";
        return new GatewayException(type, type.defaultStatus(), message, logDetail, null);
    }

    /**
     * The authorizer could not be invoked, failed, timed out, or answered something that is not a policy: API
     * Gateway's 500 with {@code {"message":null}}.
     */
    public static GatewayException authorizerConfigurationError(String logDetail) {
        return of(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, logDetail);
    }

    /**
     * A method that requires an API key got none, or one that is unknown, disabled, or in no usage plan of the
     * API's stage: API Gateway's 403 {@code {"message":"Forbidden"}} (INVALID_API_KEY).
     */
    public static GatewayException invalidApiKey(String logDetail) {
        return of(GatewayResponseType.INVALID_API_KEY, logDetail);
    }

    /** Over a rate or burst limit: 429 {@code {"message":"Too Many Requests"}} (THROTTLED). */
    public static GatewayException throttled(String logDetail) {
        return of(GatewayResponseType.THROTTLED, logDetail);
    }

    /** The key's quota for the period is used: 429 {@code {"message":"Limit Exceeded"}} (QUOTA_EXCEEDED). */
    public static GatewayException quotaExceeded(String logDetail) {
        return of(GatewayResponseType.QUOTA_EXCEEDED, logDetail);
    }

    /** Anything Portico did not foresee: the client sees API Gateway's plain 500, the log the cause. */
    public static GatewayException internal(String logDetail, Throwable cause) {
        GatewayResponseType type = GatewayResponseType.DEFAULT_5XX;
        return new GatewayException(type, 500, type.message(), logDetail, cause);
    }

    /** A JSON string literal. */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
