package dev.portico.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** HTTP API payload 2.0 and Lambda Function URL events. */
final class V2Decoder implements FormatDecoder {

    @Override
    public IncomingRequest decode(EventFields event) {
        CallerFormat format = event.format();
        // Repeated headers arrive comma-joined; splitting would break values such as dates that contain commas.
        Headers headers = event.singleValueHeaders("headers");
        addCookies(event, headers);

        String rawQuery = event.text("rawQueryString");
        Map<String, List<String>> query = rawQuery != null
                ? PercentDecoding.parseQuery(rawQuery, format)
                : event.singleValueQuery("queryStringParameters", v -> v);

        String rawPath = event.text("rawPath");
        if (rawPath == null) rawPath = event.text("requestContext.http.path");
        if (rawPath == null || rawPath.isEmpty()) throw event.bad("the event has no path ('rawPath')");
        String path = stripStage(rawPath, event.text("requestContext.stage"));

        String domainName = event.text("requestContext.domainName");
        // HTTP APIs hand rawPath over already decoded (live captures: hotsock/voker#8); Function URLs keep it encoded.
        boolean pathDecoded = !isFunctionUrl(domainName);
        return event.request(event.method("requestContext.http.method"), path, pathDecoded, query, headers,
                event.text("requestContext.http.sourceIp"), event.requestId("requestContext.requestId"),
                event.epochMillis("requestContext.timeEpoch"), domainName);
    }

    /** Function URLs are served from {@code <url-id>.lambda-url.<region>.on.aws}. */
    static boolean isFunctionUrl(String domainName) {
        return domainName != null && domainName.contains(".lambda-url.") && domainName.endsWith(".on.aws");
    }

    /** API Gateway moves Cookie headers into {@code cookies}; Function URLs also keep the header. */
    private static void addCookies(EventFields event, Headers headers) {
        JsonNode cookies = event.at("cookies");
        if (cookies == null || headers.contains("cookie")) return;
        if (!cookies.isArray()) throw event.bad("'cookies' must be a list, not " + cookies.getNodeType());
        StringBuilder joined = new StringBuilder();
        for (JsonNode cookie : cookies) {
            if (cookie.isNull()) continue;
            if (!cookie.isValueNode()) throw event.bad("'cookies' entries must be strings");
            if (joined.length() > 0) joined.append("; ");
            joined.append(cookie.asText());
        }
        if (joined.length() > 0) headers.add("cookie", joined.toString());
    }

    /** A named stage (not {@code $default}) is part of rawPath; routes never include it. */
    static String stripStage(String rawPath, String stage) {
        if (stage == null || stage.isEmpty() || stage.equals("$default")) return rawPath;
        String prefix = "/" + stage;
        if (!rawPath.startsWith(prefix)) return rawPath;
        if (rawPath.length() == prefix.length()) return "/";
        return rawPath.charAt(prefix.length()) == '/' ? rawPath.substring(prefix.length()) : rawPath;
    }
}
