package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a function's answer bytes into the status, headers and body the client would receive from that caller, and
 * checks the caller's response-shape rules from {@code ../shared/aws-sample-events/FORMAT.md}.
 */
public final class AnswerDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS_DESCRIPTION = Pattern.compile("^\\d{3} \\S.*$");

    private AnswerDecoder() {}

    /** @throws IOException when the answer is not a JSON object at all */
    public static Answer decode(byte[] answer, EventFormat format) throws IOException {
        JsonNode raw = JSON.readTree(answer);
        if (raw == null || !raw.isObject()) {
            throw new IOException("answer is not a JSON object: " + abbreviate(new String(answer, StandardCharsets.UTF_8)));
        }
        List<String> problems = new ArrayList<>();
        HeaderList headers = switch (format) {
            case ALB, ALB_MULTI_VALUE -> albHeaders(raw, format, problems);
            case REST_V1 -> v1Headers(raw, problems);
            case HTTP_V2 -> v2Headers(raw, problems);
        };
        JsonNode statusCode = raw.get("statusCode");
        if (statusCode == null || !statusCode.isIntegralNumber()) {
            problems.add("statusCode is " + (statusCode == null ? "missing" : "not an integer: " + statusCode));
        }
        int status = statusCode == null ? 0 : statusCode.asInt();
        return new Answer(status, headers, body(raw, problems), raw, problems);
    }

    private static byte[] body(JsonNode raw, List<String> problems) {
        JsonNode body = raw.get("body");
        String text = body == null || body.isNull() ? "" : body.asText();
        JsonNode base64 = raw.get("isBase64Encoded");
        if (base64 != null && !base64.isBoolean()) {
            problems.add("isBase64Encoded is not a boolean: " + base64);
        }
        if (base64 != null && base64.asBoolean()) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                problems.add("isBase64Encoded is true but body is not base64");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** ALB: exactly the header map of the request's mode, string values, a "<code> <reason>" description, no nulls. */
    private static HeaderList albHeaders(JsonNode raw, EventFormat format, List<String> problems) {
        boolean multi = format == EventFormat.ALB_MULTI_VALUE;
        String used = multi ? "multiValueHeaders" : "headers";
        String other = multi ? "headers" : "multiValueHeaders";
        if (raw.has(other)) {
            problems.add("ALB answer has '" + other + "' but the request used '" + used + "'");
        }
        raw.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                problems.add("ALB answer has null '" + e.getKey() + "'");
            }
        });
        JsonNode statusCode = raw.path("statusCode");
        String description = raw.path("statusDescription").asText(null);
        if (description == null || !STATUS_DESCRIPTION.matcher(description).matches()
                || !description.startsWith(statusCode.asText() + " ")) {
            problems.add("ALB statusDescription " + raw.get("statusDescription")
                    + " is not '<statusCode> <reason>'");
        }
        if (!raw.path("isBase64Encoded").isBoolean()) {
            problems.add("ALB answer lacks a boolean isBase64Encoded");
        }
        HeaderList headers = new HeaderList();
        JsonNode map = raw.get(used);
        if (map == null || !map.isObject()) {
            problems.add("ALB answer has no '" + used + "' object");
            return headers;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (multi) {
                addList(headers, e.getKey(), e.getValue(), true, problems);
            } else if (e.getValue().isTextual()) {
                headers.add(e.getKey(), e.getValue().asText());
            } else {
                problems.add("ALB header '" + e.getKey() + "' is not a string: " + e.getValue());
            }
        }
        return headers;
    }

    /**
     * REST v1: API Gateway merges the two maps; for one name the multi values come first, then a different single
     * value, and the multiValueHeaders casing wins (recorded in aws-proxy-lambda-response-multivalue-casing-wins).
     * The AWS docs say only the multiValueHeaders values appear; the recorded case wins over the docs.
     */
    private static HeaderList v1Headers(JsonNode raw, List<String> problems) {
        HeaderList headers = new HeaderList();
        JsonNode multi = raw.path("multiValueHeaders");
        JsonNode single = raw.path("headers");
        multi.fields().forEachRemaining(e -> addList(headers, e.getKey(), e.getValue(), false, problems));
        single.fields().forEachRemaining(e -> {
            String value = e.getValue().asText();
            if (!headers.values(e.getKey()).contains(value)) {
                String name = headers.has(e.getKey()) ? multiName(multi, e.getKey()) : e.getKey();
                headers.add(name, value);
            }
        });
        return headers;
    }

    /** v2: comma-joined string values plus one Set-Cookie per {@code cookies} entry. */
    private static HeaderList v2Headers(JsonNode raw, List<String> problems) {
        HeaderList headers = new HeaderList();
        raw.path("headers").fields().forEachRemaining(e -> headers.add(e.getKey(), e.getValue().asText()));
        JsonNode cookies = raw.path("cookies");
        cookies.forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        if (raw.has("multiValueHeaders")) {
            problems.add("v2 answer has multiValueHeaders (payload 2.0 ignores them)");
        }
        return headers;
    }

    private static void addList(HeaderList headers, String name, JsonNode values, boolean stringsOnly,
                                List<String> problems) {
        if (!values.isArray()) {
            problems.add("multiValueHeaders '" + name + "' is not a list: " + values);
            return;
        }
        for (JsonNode value : values) {
            if (stringsOnly && !value.isTextual()) {
                problems.add("header '" + name + "' has a non-string value: " + value);
            }
            headers.add(name, value.asText());
        }
    }

    private static String multiName(JsonNode multi, String name) {
        for (Iterator<String> it = multi.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return name;
    }

    public static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
