package dev.portico.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Reading the parts of an event that every caller shares, each failure a {@link BadEventException} that
 * names the caller format.
 */
final class EventFields {
    private static final byte[] NO_BYTES = new byte[0];
    /** The decoders' dotted paths (constants of this package), split once. */
    private static final Map<String, String[]> PATHS = new ConcurrentHashMap<>();

    private final JsonNode event;
    private final CallerFormat format;

    /** A top-level string body read straight from the event's bytes ({@link EventTree}), or null. */
    private final byte[] asciiBody;
    /** The top-level header maps when {@link EventTree} has read them (they are then not in the tree), or null. */
    private final Headers readHeaders;
    private final Headers readMultiValueHeaders;

    EventFields(JsonNode event, CallerFormat format) {
        this(event, format, null);
    }

    EventFields(JsonNode event, CallerFormat format, EventTree.Read read) {
        this.event = event;
        this.format = format;
        this.asciiBody = read == null ? null : read.body();
        this.readHeaders = read == null ? null : read.headers();
        this.readMultiValueHeaders = read == null ? null : read.multiValueHeaders();
    }

    CallerFormat format() {
        return format;
    }

    BadEventException bad(String message) {
        return new BadEventException(format, message);
    }

    /** A scalar at a dotted path as text; null when absent or JSON null. */
    String text(String dottedPath) {
        JsonNode node = at(dottedPath);
        if (node == null) return null;
        if (!node.isValueNode()) throw bad("'" + dottedPath + "' must be a string, not " + node.getNodeType());
        return node.asText();
    }

    /** The node at a dotted path, or null when absent or JSON null. */
    JsonNode at(String dottedPath) {
        JsonNode node = event;
        String[] parts = PATHS.get(dottedPath);
        if (parts == null) parts = PATHS.computeIfAbsent(dottedPath, path -> path.split("\\."));
        for (String part : parts) {
            if (!node.isObject()) return null;
            node = node.get(part);
            if (node == null || node.isNull()) return null;
        }
        return node;
    }

    /** An object at a dotted path, or null when absent or JSON null. */
    JsonNode object(String dottedPath) {
        JsonNode node = at(dottedPath);
        if (node != null && !node.isObject()) {
            throw bad("'" + dottedPath + "' must be an object, not " + node.getNodeType());
        }
        return node;
    }

    String method(String dottedPath) {
        String method = text(dottedPath);
        if (method == null || method.isBlank()) throw bad("the event has no HTTP method ('" + dottedPath + "')");
        return method.trim().toUpperCase(Locale.ROOT);
    }

    /** The percent-decoded path from a field, starting with '/'. */
    /** The path as the event gives it, still percent-encoded. */
    String rawPath(String dottedPath) {
        String raw = text(dottedPath);
        if (raw == null || raw.isEmpty()) throw bad("the event has no path ('" + dottedPath + "')");
        return raw;
    }

    String decodedPath(String raw) {
        String path = PercentDecoding.path(raw, format);
        return path.startsWith("/") ? path : "/" + path;
    }

    long epochMillis(String dottedPath) {
        JsonNode node = at(dottedPath);
        return node != null && node.canConvertToLong() ? node.asLong() : System.currentTimeMillis();
    }

    String requestId(String dottedPath) {
        String id = text(dottedPath);
        return id == null || id.isEmpty() ? randomId() : id;
    }

    /**
     * A version 4 UUID for a caller that gives no request id (an ALB). Not a secret, so the thread's fast generator
     * makes it: {@link UUID#randomUUID()} reads the system's entropy source on every call.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(3L << 62) | 1L << 63; // IETF variant
        return new UUID(high, low).toString();
    }

    /** The headers of the top-level map of name to one value (none when it is missing or null); to be added to. */
    Headers singleValueHeaders(String field) {
        if (readHeaders != null && field.equals("headers")) return readHeaders;
        Headers headers = new Headers();
        JsonNode map = object(field);
        if (map == null) return headers;
        map.fields().forEachRemaining(e -> {
            String value = scalar(field, e.getKey(), e.getValue());
            if (value != null) headers.add(e.getKey(), value);
        });
        return headers;
    }

    /** The headers of the top-level map of name to a list of values (none when it is missing or null). */
    Headers multiValueHeaders(String field) {
        if (readMultiValueHeaders != null && field.equals("multiValueHeaders")) return readMultiValueHeaders;
        Headers headers = new Headers();
        JsonNode map = object(field);
        if (map == null) return headers;
        map.fields().forEachRemaining(e -> {
            for (String value : list(field, e.getKey(), e.getValue())) headers.add(e.getKey(), value);
        });
        return headers;
    }

    Map<String, List<String>> singleValueQuery(String field, UnaryOperator<String> decode) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        JsonNode map = object(field);
        if (map == null) return query;
        map.fields().forEachRemaining(e -> {
            String value = scalar(field, e.getKey(), e.getValue());
            if (value != null) {
                query.computeIfAbsent(decode.apply(e.getKey()), k -> new ArrayList<>(1)).add(decode.apply(value));
            }
        });
        return query;
    }

    Map<String, List<String>> multiValueQuery(String field, UnaryOperator<String> decode) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        JsonNode map = object(field);
        if (map == null) return query;
        map.fields().forEachRemaining(e -> {
            List<String> values = list(field, e.getKey(), e.getValue());
            if (values.isEmpty()) return;
            List<String> target = query.computeIfAbsent(decode.apply(e.getKey()), k -> new ArrayList<>(values.size()));
            for (String value : values) target.add(decode.apply(value));
        });
        return query;
    }

    private String scalar(String field, String name, JsonNode value) {
        if (value.isNull()) return null;
        if (!value.isValueNode()) throw bad("'" + field + "." + name + "' must be a string, not " + value.getNodeType());
        return value.asText();
    }

    private List<String> list(String field, String name, JsonNode value) {
        if (value.isNull()) return List.of();
        if (!value.isArray()) throw bad("'" + field + "." + name + "' must be a list, not " + value.getNodeType());
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            String text = scalar(field, name, item);
            if (text != null) values.add(text);
        }
        return values;
    }

    /**
     * Builds the request from the path as the client sent it (decoded here); the body comes from
     * {@code body}/{@code isBase64Encoded}.
     */
    IncomingRequest request(String method, String rawPath, Map<String, List<String>> query, Headers headers,
                            String sourceIp, String requestId, long time, String domainName) {
        return request(method, rawPath, false, query, headers, sourceIp, requestId, time, domainName);
    }

    /**
     * @param pathDecoded true when the caller hands over the path already decoded, as HTTP APIs do (payload 1.0
     *                    {@code path} and 2.0 {@code rawPath}; REST APIs, ALBs and Function URLs keep it encoded)
     */
    IncomingRequest request(String method, String givenPath, boolean pathDecoded, Map<String, List<String>> query,
                            Headers headers, String sourceIp, String requestId, long time, String domainName) {
        String rooted = givenPath.startsWith("/") ? givenPath : "/" + givenPath;
        String path = pathDecoded ? rooted : decodedPath(givenPath);
        String rawPath = pathDecoded ? PercentDecoding.encodePath(rooted) : rooted;
        boolean hasBody;
        byte[] body;
        if (asciiBody != null) {
            hasBody = true;
            body = base64(asciiBody);
        } else {
            JsonNode bodyNode = event.get("body");
            hasBody = bodyNode != null && !bodyNode.isNull();
            body = hasBody ? body(bodyNode) : NO_BYTES;
        }
        if (domainName == null || domainName.isEmpty()) domainName = headers.last("host");
        return new IncomingRequest(format, method, path, freeze(query), headers.freeze(), body, hasBody,
                sourceIp == null ? "" : sourceIp, requestId, time, domainName == null ? "" : domainName, rawPath);
    }

    private byte[] body(JsonNode node) {
        if (!node.isTextual()) throw bad("'body' must be a string, not " + node.getNodeType());
        String text = node.textValue();
        if (!event.path("isBase64Encoded").asBoolean(false)) return text.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw bad("'body' is marked isBase64Encoded but is not valid base64: " + e.getMessage());
        }
    }

    /** The ASCII body as it is, or decoded when marked base64: what {@link #body(JsonNode)} gives for its text. */
    private byte[] base64(byte[] ascii) {
        if (!event.path("isBase64Encoded").asBoolean(false)) return ascii;
        try {
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException e) {
            throw bad("'body' is marked isBase64Encoded but is not valid base64: " + e.getMessage());
        }
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> query) {
        if (query.isEmpty()) return Map.of();
        query.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(query);
    }
}
