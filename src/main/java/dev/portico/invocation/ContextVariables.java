package dev.portico.invocation;

import dev.portico.errors.GatewayException;
import dev.portico.event.IncomingRequest;
import dev.portico.route.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@code $context} as API Gateway's "context variables for data models, authorizers, mapping templates,
 * and access logging" page lists it, as nested mutable maps (templates may write the override maps).
 */
public final class ContextVariables {
    /** {@code $context.requestTime}'s format, which API Gateway's CLF-like access log uses too. */
    public static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ContextVariables() {}

    /**
     * @param route the matched route, or null when the request matched none
     * @param trace the request's X-Ray trace ({@code $context.xrayTraceId})
     */
    public static Map<String, Object> of(IncomingRequest request, Route route, PorticoSettings settings, Trace trace) {
        return of(request, route, settings, trace, null);
    }

    /**
     * @param mappedPath the client's path when an API mapping chose the API, else null: {@code $context.path} is
     *                   then that path, base path included and no stage ({@link MappedPath}), where without a
     *                   mapping it is {@code /{stage}/...} as on the API's own endpoint; {@code $context.resourcePath}
     *                   is the route's resource either way, without the base path
     */
    public static Map<String, Object> of(IncomingRequest request, Route route, PorticoSettings settings, Trace trace,
                                         MappedPath mappedPath) {
        Map<String, Object> context = new HashMap<>(48);
        context.put("accountId", settings.accountId());
        context.put("apiId", settings.apiId());
        context.put("domainName", request.domainName());
        context.put("domainPrefix", domainPrefix(request.domainName()));
        context.put("extendedRequestId", extendedRequestId(request.requestId()));
        context.put("httpMethod", request.httpMethod());
        context.put("path", mappedPath != null ? mappedPath.path() : "/" + settings.stage() + request.path());
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(request.requestTimeEpoch())));
        context.put("requestTimeEpoch", request.requestTimeEpoch());
        context.put("resourceId", route == null ? "" : resourceId(route.resourcePath()));
        context.put("resourcePath", route == null ? "" : route.resourcePath());
        context.put("stage", settings.stage());
        context.put("xrayTraceId", trace.root());

        Map<String, Object> identity = new HashMap<>();
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.userAgent());
        for (String empty : new String[] {"accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user",
                "userArn", "accessKey"}) {
            identity.put(empty, "");
        }
        context.put("identity", identity);

        Map<String, Object> error = new HashMap<>();
        error.put("message", "");
        error.put("messageString", "\"\"");
        error.put("responseType", "");
        error.put("validationErrorString", "");
        context.put("error", error);

        Map<String, Object> requestOverride = new LinkedHashMap<>();
        requestOverride.put("header", new LinkedHashMap<String, Object>());
        requestOverride.put("path", new LinkedHashMap<String, Object>());
        requestOverride.put("querystring", new LinkedHashMap<String, Object>());
        context.put("requestOverride", requestOverride);

        Map<String, Object> responseOverride = new LinkedHashMap<>();
        responseOverride.put("header", new LinkedHashMap<String, Object>());
        context.put("responseOverride", responseOverride);
        return context;
    }

    /** Fills {@code $context.error.*} for a gateway response. */
    @SuppressWarnings("unchecked")
    public static void setError(Map<String, Object> context, GatewayException error) {
        Map<String, Object> fields = (Map<String, Object>) context.get("error");
        fields.put("message", error.getMessage() == null ? "" : error.getMessage());
        fields.put("messageString", error.messageString());
        fields.put("responseType", error.type().name());
    }

    /**
     * {@code $context.extendedRequestId}, which API Gateway also sends as {@code x-amz-apigw-id}: an id of its own
     * beside the request id, in its shape (16 characters of base64, such as {@code Lq5yXGBEIAMEZ7Q=}), made from
     * the request id so that the two always go together.
     */
    public static String extendedRequestId(String requestId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 11));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String domainPrefix(String domainName) {
        int dot = domainName.indexOf('.');
        return dot < 0 ? domainName : domainName.substring(0, dot);
    }

    /** A stable, short id for a resource path, as API Gateway gives each resource one. */
    private static String resourceId(String resourcePath) {
        return Integer.toString(resourcePath.hashCode() & 0x7fffffff, 36);
    }
}
