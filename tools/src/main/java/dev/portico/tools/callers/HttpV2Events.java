package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP API payload 2.0 events ({@code $default} route and stage). Header names lower-cased, repeated values
 * comma-joined, the {@code Cookie} header moved into {@code cookies}; {@code rawPath} decoded (despite its name,
 * HTTP APIs hand the path over decoded), {@code rawQueryString} raw, query values decoded and comma-joined; no
 * {@code body} key when the request has none.
 */
final class HttpV2Events implements EventFactory {

    @Override
    public ObjectNode build(ClientRequest request, String stage, String requestId) {
        ObjectNode event = NODES.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        String path = decodedPath(request.path());
        event.put("rawPath", path);
        event.put("rawQueryString", request.rawQuery());

        ObjectNode headers = NODES.objectNode();
        ArrayNode cookies = NODES.arrayNode();
        request.headers().entries().forEach(header -> {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue();
            if (lower.equals("cookie")) {
                for (String cookie : value.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            } else {
                headers.put(lower, headers.has(lower) ? headers.get(lower).asText() + "," + value : value);
            }
        });
        if (!cookies.isEmpty()) {
            event.set("cookies", cookies);
        }
        event.set("headers", headers);

        Map<String, List<String>> query = QueryString.multi(request.rawQuery(), true);
        if (!query.isEmpty()) {
            ObjectNode single = event.putObject("queryStringParameters");
            query.forEach((key, values) -> single.put(key, String.join(",", values)));
        }

        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        String domainName = RestV1Events.domainName(request);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", Objects.toString(request.header("User-Agent"), ""));
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", RestV1Events.REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        EventFactory.putBody(event, request, true, NODES.objectNode());
        return event;
    }

    /** The path with its {@code %XX} escapes decoded ('+' stays '+'); a malformed escape is left as sent. */
    static String decodedPath(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
