package dev.portico.invocation;

import dev.portico.errors.GatewayException;
import dev.portico.event.IncomingRequest;
import dev.portico.route.Route;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds {@code $context} as API Gateway's "context variables for data models, authorizers, mapping templates,
 * and access logging" page lists it, as nested mutable maps (templates may write the override maps). Each entry is
 * made when it is first read ({@link LazyContext}): most requests read a few of them, or none.
 */
public final class ContextVariables {
    /** {@code $context.requestTime}'s format, which API Gateway's CLF-like access log uses too. */
    public static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The top-level entries, in the order they are put in the map (which decides a HashMap's iteration order). */
    static final List<String> NAMES = List.of("accountId", "apiId", "domainName", "domainPrefix", "extendedRequestId",
            "httpMethod", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId",
            "resourcePath", "stage", "xrayTraceId", "identity", "error", "requestOverride", "responseOverride");
    static final Set<String> NAME_SET = Set.copyOf(NAMES);
    private static final String[] EMPTY_IDENTITY_FIELDS = {"accountId", "apiKey", "apiKeyId", "caller",
        "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
        "principalOrgId", "user", "userArn", "accessKey"};

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
        return new LazyContext(request, route, settings, () -> trace, mappedPath);
    }

    /** @param trace the request's trace, made when first asked for (an invocation's, which not every route reads) */
    static Map<String, Object> of(IncomingRequest request, Route route, PorticoSettings settings, Supplier<Trace> trace,
                                  MappedPath mappedPath) {
        return new LazyContext(request, route, settings, trace, mappedPath);
    }

    /**
     * The value of a top-level {@code $context} entry only when something has already read or written it, else
     * null: for the readers of {@code requestOverride} and {@code responseOverride}, which are empty until a
     * template writes to them, so that a request whose templates never touch them does not build them.
     */
    public static Object ifBuilt(Map<String, Object> context, String name) {
        return context instanceof LazyContext lazy ? lazy.built(name) : context.get(name);
    }

    /** The value of one top-level entry, as API Gateway's context variables page lists them. */
    static Object entry(String name, IncomingRequest request, Route route, PorticoSettings settings,
                        Supplier<Trace> trace, MappedPath mappedPath) {
        return switch (name) {
            case "accountId" -> settings.accountId();
            case "apiId" -> settings.apiId();
            case "domainName" -> request.domainName();
            case "domainPrefix" -> domainPrefix(request.domainName());
            case "extendedRequestId" -> extendedRequestId(request.requestId());
            case "httpMethod" -> request.httpMethod();
            case "path" -> mappedPath != null ? mappedPath.path() : "/" + settings.stage() + request.path();
            case "protocol" -> "HTTP/1.1";
            case "requestId" -> request.requestId();
            case "requestTime" -> REQUEST_TIME.format(Instant.ofEpochMilli(request.requestTimeEpoch()));
            case "requestTimeEpoch" -> request.requestTimeEpoch();
            case "resourceId" -> route == null ? "" : resourceId(route.resourcePath());
            case "resourcePath" -> route == null ? "" : route.resourcePath();
            case "stage" -> settings.stage();
            case "xrayTraceId" -> trace.get().root();
            case "identity" -> identity(request);
            case "error" -> error();
            case "requestOverride" -> {
                Map<String, Object> requestOverride = new LinkedHashMap<>();
                requestOverride.put("header", new LinkedHashMap<String, Object>());
                requestOverride.put("path", new LinkedHashMap<String, Object>());
                requestOverride.put("querystring", new LinkedHashMap<String, Object>());
                yield requestOverride;
            }
            case "responseOverride" -> {
                Map<String, Object> responseOverride = new LinkedHashMap<>();
                responseOverride.put("header", new LinkedHashMap<String, Object>());
                yield responseOverride;
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Map<String, Object> identity(IncomingRequest request) {
        Map<String, Object> identity = new HashMap<>();
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.userAgent());
        for (String empty : EMPTY_IDENTITY_FIELDS) {
            identity.put(empty, "");
        }
        return identity;
    }

    private static Map<String, Object> error() {
        Map<String, Object> error = new HashMap<>();
        error.put("message", "");
        error.put("messageString", "\"\"");
        error.put("responseType", "");
        error.put("validationErrorString", "");
        return error;
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
        // 88 bits of two 64-bit hashes of the id's characters, each finished by MurmurHash3's mixer (fmix64): a
        // different id gives a different-looking one. Not a secret, so no digest: API Gateway's is an opaque id too.
        long a = 0xcbf29ce484222325L;
        long b = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            a = (a ^ c) * 0x100000001b3L;
            b = Long.rotateLeft(b ^ c, 27) * 0xc2b2ae3d27d4eb4fL;
        }
        a = mix(a ^ requestId.length());
        b = mix(b + a);
        char[] id = new char[16];
        // 11 bytes as base64: a's 8 and b's top 3, 6 bits at a time, the last group of 4 bits padded by "="
        for (int i = 0; i < 10; i++) id[i] = BASE64[(int) (a >>> (58 - 6 * i)) & 63];
        id[10] = BASE64[(int) ((a & 0xf) << 2 | b >>> 62) & 63];
        for (int i = 0; i < 3; i++) id[11 + i] = BASE64[(int) (b >>> (56 - 6 * i)) & 63];
        // the last character before "=" carries 4 bits of data and two zero bits, as in any 11-byte base64 text
        id[14] = BASE64[(int) (b >>> 38) & 0x3c];
        id[15] = '=';
        return new String(id);
    }

    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
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
