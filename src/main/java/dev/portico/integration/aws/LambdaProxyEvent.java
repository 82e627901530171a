package dev.portico.integration.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.event.IncomingRequest;
import dev.portico.event.PercentDecoding;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.MappedPath;
import dev.portico.mapping.MediaTypes;
import dev.portico.route.PathTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event API Gateway sends to a Lambda proxy integration: "Input format of a Lambda function for proxy
 * integration" (payload 1.0, REST) and the HTTP API payload 2.0. Empty maps are null in 1.0 and absent in
 * 2.0; the body is base64 when the request's Content-Type is a binary media type.
 */
public final class LambdaProxyEvent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] IDENTITY_FIELDS = {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId",
            "caller", "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
            "userArn", "user"};

    private LambdaProxyEvent() {}

    public static byte[] build(Invocation invocation, String payloadFormatVersion) {
        ObjectNode event = "2.0".equals(payloadFormatVersion) ? v2(invocation) : v1(invocation);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the proxy event", e);
        }
    }

    public static ObjectNode v1(Invocation invocation) {
        IncomingRequest request = invocation.request();
        Map<String, Object> context = invocation.context();
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", invocation.route().resourcePath());
        MappedPath mapped = invocation.mappedPath();
        // Behind an API mapping API Gateway keeps the base path in both (MappedPath); else path has no stage.
        event.put("path", mapped != null ? mapped.rawPath() : request.routingRawPath());
        event.put("httpMethod", request.httpMethod());

        ObjectNode headers = JSON.createObjectNode();
        ObjectNode multiHeaders = JSON.createObjectNode();
        request.headers().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(name);
            values.forEach(all::add);
        });
        putOrNull(event, "headers", headers);
        putOrNull(event, "multiValueHeaders", multiHeaders);

        ObjectNode query = JSON.createObjectNode();
        ObjectNode multiQuery = JSON.createObjectNode();
        request.query().forEach((name, values) -> {
            if (values.isEmpty()) return;
            query.put(name, values.get(values.size() - 1));
            ArrayNode all = multiQuery.putArray(name);
            values.forEach(all::add);
        });
        putOrNull(event, "queryStringParameters", query);
        putOrNull(event, "multiValueQueryStringParameters", multiQuery);

        ObjectNode path = JSON.createObjectNode();
        rawPathParameters(invocation).forEach(path::put);
        putOrNull(event, "pathParameters", path);
        putOrNull(event, "stageVariables", textMap(invocation.settings().stageVariables()));

        ObjectNode requestContext = event.putObject("requestContext");
        for (String key : List.of("resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime",
                "accountId", "protocol", "stage", "domainPrefix", "requestId", "domainName", "apiId")) {
            requestContext.put(key, String.valueOf(context.getOrDefault(key, "")));
        }
        requestContext.put("path", mapped != null ? mapped.rawPath() : "/" + invocation.settings().stage() + request.rawPath());
        requestContext.put("requestTimeEpoch", request.requestTimeEpoch());
        ObjectNode identity = requestContext.putObject("identity");
        for (String field : IDENTITY_FIELDS) {
            identity.putNull(field);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.headers().last("User-Agent"));
        if (ContextVariables.ifBuilt(context, "identity") instanceof Map<?, ?> known && known.get("apiKey") instanceof String key
                && !key.isEmpty()) {
            // the API key the request was admitted with, as API Gateway passes it
            identity.put("apiKey", key);
            identity.put("apiKeyId", String.valueOf(known.get("apiKeyId")));
        }
        Map<String, Object> authorizer = invocation.authorizer();
        if (authorizer != null) {
            // what the route's Lambda authorizer said: principalId, integrationLatency, its context values as strings;
            // or a verified token's claims (Cognito, the ALB's identity): {"claims": {...}}
            ObjectNode node = requestContext.putObject("authorizer");
            authorizer.forEach((key, value) -> {
                if (value instanceof Number number) {
                    node.put(key, number.longValue());
                } else if (value instanceof Map<?, ?> map) {
                    ObjectNode inner = node.putObject(key);
                    map.forEach((name, text) -> inner.put(String.valueOf(name), String.valueOf(text)));
                } else {
                    node.put(key, String.valueOf(value));
                }
            });
        }

        putBody(event, invocation);
        return event;
    }

    static ObjectNode v2(Invocation invocation) {
        IncomingRequest request = invocation.request();
        ObjectNode event = JSON.createObjectNode();
        String routeKey = invocation.route().method() + " " + invocation.route().resourcePath();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        String rawPath = invocation.mappedPath() != null ? invocation.mappedPath().rawPath() : request.rawPath();
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery(request.query()));

        ArrayNode cookies = JSON.createArrayNode();
        ObjectNode headers = JSON.createObjectNode();
        request.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Cookie")) {
                values.forEach(value -> {
                    for (String cookie : value.split(";\\s*")) {
                        if (!cookie.isBlank()) cookies.add(cookie.trim());
                    }
                });
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) event.set("cookies", cookies);
        event.set("headers", headers);

        ObjectNode query = JSON.createObjectNode();
        request.query().forEach((name, values) -> query.put(name, String.join(",", values)));
        if (!query.isEmpty()) event.set("queryStringParameters", query);
        ObjectNode path = textMap(invocation.pathParameters());
        if (!path.isEmpty()) event.set("pathParameters", path);
        ObjectNode stageVariables = textMap(invocation.settings().stageVariables());
        if (!stageVariables.isEmpty()) event.set("stageVariables", stageVariables);

        Map<String, Object> context = invocation.context();
        ObjectNode requestContext = event.putObject("requestContext");
        for (String key : List.of("accountId", "apiId", "domainName", "domainPrefix", "requestId", "stage")) {
            requestContext.put(key, String.valueOf(context.getOrDefault(key, "")));
        }
        ObjectNode http = requestContext.putObject("http");
        http.put("method", request.httpMethod());
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.userAgent());
        putV2Authorizer(requestContext, invocation.authorizer());
        requestContext.put("routeKey", routeKey);
        requestContext.put("time", String.valueOf(context.get("requestTime")));
        requestContext.put("timeEpoch", request.requestTimeEpoch());

        putBody(event, invocation);
        if (event.get("body").isNull()) event.remove("body");
        return event;
    }

    /**
     * {@code requestContext.authorizer} in payload 2.0's shape ("Working with AWS Lambda proxy integrations for HTTP
     * APIs"): a verified token's claims as {@code jwt.claims}, with {@code jwt.scopes} (its {@code scope} claim as
     * a list, or null); a Lambda authorizer's context values, {@code principalId} and {@code integrationLatency}
     * as {@code lambda}. The claims are the strings REST hands on ({@code $context.authorizer.claims}).
     */
    private static void putV2Authorizer(ObjectNode requestContext, Map<String, Object> authorizer) {
        if (authorizer == null) {
            return;
        }
        ObjectNode node = requestContext.putObject("authorizer");
        if (authorizer.get("claims") instanceof Map<?, ?> claims) {
            ObjectNode jwt = node.putObject("jwt");
            ObjectNode claimNode = jwt.putObject("claims");
            claims.forEach((name, text) -> claimNode.put(String.valueOf(name), String.valueOf(text)));
            Object scope = claims.get("scope");
            if (scope == null || String.valueOf(scope).isBlank()) {
                jwt.putNull("scopes");
            } else {
                ArrayNode scopes = jwt.putArray("scopes");
                for (String one : String.valueOf(scope).trim().split("\\s+")) {
                    scopes.add(one);
                }
            }
            return;
        }
        ObjectNode lambda = node.putObject("lambda");
        authorizer.forEach((key, value) -> {
            if (value instanceof Number number) {
                lambda.put(key, number.longValue());
            } else {
                lambda.put(key, String.valueOf(value));
            }
        });
    }

    private static void putBody(ObjectNode event, Invocation invocation) {
        IncomingRequest request = invocation.request();
        if (request.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
            return;
        }
        boolean binary = isBinary(request.headers().last("Content-Type"), invocation.table().binaryMediaTypes());
        event.put("body", binary ? Base64.getEncoder().encodeToString(request.body())
                : new String(request.body(), StandardCharsets.UTF_8));
        event.put("isBase64Encoded", binary);
    }

    private static boolean isBinary(String contentType, List<String> binaryMediaTypes) {
        if (contentType == null) return false;
        for (String type : binaryMediaTypes) {
            if (MediaTypes.matches(type, contentType)) return true;
        }
        return false;
    }

    private static void putOrNull(ObjectNode event, String name, ObjectNode map) {
        if (map.isEmpty()) event.putNull(name);
        else event.set(name, map);
    }

    private static ObjectNode textMap(Map<String, String> map) {
        ObjectNode node = JSON.createObjectNode();
        map.forEach(node::put);
        return node;
    }

    /**
     * The path parameters as the client wrote them, still percent-encoded, as API Gateway puts them in the proxy
     * event (recorded: {@code %2B} stays {@code %2B}). Each comes from the raw segment at the parameter's place in
     * the resource path; a raw path whose segments do not line up with the decoded one (an encoded slash) falls
     * back to re-encoding the decoded values.
     */
    static Map<String, String> rawPathParameters(Invocation invocation) {
        Map<String, String> decoded = invocation.pathParameters();
        // segments as the matcher splits them: a trailing slash belongs to no parameter (recorded on AWS: /proxy-value/
        // gives proxy "proxy-value", LocalStack's test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration)
        String[] template = PathTemplate.segments(invocation.route().resourcePath());
        String[] raw = PathTemplate.segments(invocation.request().routingRawPath());
        String[] plain = PathTemplate.segments(invocation.request().routingPath());
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (raw.length != plain.length) {
            decoded.forEach((name, value) -> out.put(name, PercentDecoding.encodePath(value)));
            return out;
        }
        for (int i = 0; i < template.length && i < raw.length; i++) {
            String segment = template[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                out.put(segment.substring(1, segment.length() - 2), String.join("/", java.util.Arrays.copyOfRange(raw, i, raw.length)));
                break;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                out.put(segment.substring(1, segment.length() - 1), raw[i]);
            }
        }
        return out;
    }

    private static String rawQuery(Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, values) -> values.forEach(value -> {
            if (out.length() > 0) out.append('&');
            out.append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return out.toString();
    }
}
