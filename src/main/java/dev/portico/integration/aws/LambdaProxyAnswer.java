package dev.portico.integration.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.event.Headers;
import dev.portico.invocation.EndpointResponse;
import dev.portico.mapping.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Lambda proxy function's answer into the client's response, with API Gateway's rules (FORMAT.md §2,
 * §3 and the aws-proxy-lambda-response-* recordings). Anything it cannot accept is {@link Malformed}.
 */
public final class LambdaProxyAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> V1_KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

    /** The function's answer breaks the proxy output format; the message says how, for the log. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private LambdaProxyAnswer() {}

    /**
     * Payload 1.0 (REST): an object with only the known keys; {@code statusCode} a number or numeric string
     * (200 when absent); headers merged with multiValueHeaders (multi values first, their casing kept);
     * {@code isBase64Encoded} honoured only when the request's first Accept type is a binary media type.
     */
    public static EndpointResponse v1(byte[] payload, String accept, List<String> binaryMediaTypes) throws Malformed {
        JsonNode answer = parse(payload);
        if (answer == null || !answer.isObject()) {
            throw new Malformed("the answer is not a JSON object");
        }
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!V1_KEYS.contains(name)) {
                throw new Malformed("unknown key '" + name + "'");
            }
        }
        int status = status(answer.get("statusCode"));
        Headers headers = new Headers();
        JsonNode multi = objectOrNull(answer, "multiValueHeaders");
        if (multi != null) {
            for (Map.Entry<String, JsonNode> header : iterable(multi)) {
                if (header.getValue().isNull()) continue;
                if (!header.getValue().isArray()) {
                    throw new Malformed("multiValueHeaders." + header.getKey() + " is not a list");
                }
                for (JsonNode value : header.getValue()) {
                    headers.add(header.getKey(), text(value, "multiValueHeaders." + header.getKey()));
                }
            }
        }
        JsonNode single = objectOrNull(answer, "headers");
        if (single != null) {
            for (Map.Entry<String, JsonNode> header : iterable(single)) {
                if (header.getValue().isNull()) continue;
                headers.add(header.getKey(), text(header.getValue(), "headers." + header.getKey()));
            }
        }
        boolean base64 = bool(answer.get("isBase64Encoded"));
        boolean binary = base64 && acceptsBinary(accept, binaryMediaTypes);
        return response(status, headers, body(answer.get("body")), binary);
    }

    /**
     * Payload 2.0: without {@code statusCode} the whole answer is the body (a JSON string unquoted), 200;
     * otherwise {@code statusCode}, {@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded}
     * (always decoded: HTTP APIs have no binary media types).
     */
    public static EndpointResponse v2(byte[] payload) throws Malformed {
        JsonNode answer = parse(payload);
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            String body = answer != null && answer.isTextual() ? answer.asText() : new String(payload, StandardCharsets.UTF_8);
            return response(200, new Headers(), body, false);
        }
        JsonNode statusNode = answer.get("statusCode");
        if (!statusNode.canConvertToExactIntegral() && !(statusNode.isTextual() && statusNode.asText().matches("\\d{3}"))) {
            throw new Malformed("statusCode " + statusNode + " is not an integer");
        }
        int status = statusNode.asInt();
        Headers headers = new Headers();
        JsonNode single = objectOrNull(answer, "headers");
        if (single != null) {
            for (Map.Entry<String, JsonNode> header : iterable(single)) {
                if (!header.getValue().isNull()) headers.add(header.getKey(), text(header.getValue(), "headers." + header.getKey()));
            }
        }
        JsonNode cookies = answer.get("cookies");
        if (cookies != null && !cookies.isNull()) {
            if (!cookies.isArray()) throw new Malformed("cookies is not a list");
            cookies.forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        }
        return response(status, headers, body(answer.get("body")), bool(answer.get("isBase64Encoded")));
    }

    private static EndpointResponse response(int status, Headers headers, String body, boolean decode) throws Malformed {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", MediaTypes.JSON);
        }
        byte[] bytes;
        if (decode) {
            try {
                bytes = Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new Malformed("isBase64Encoded is true but the body is not base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new EndpointResponse(status, headers.freeze(), bytes, null, decode);
    }

    /**
     * Recorded on AWS: only the first type of Accept counts; an all-types entry in the binary media types
     * matches anything, {@code type/}{@code *} matches that type, and other entries with a wildcard type never.
     */
    static boolean acceptsBinary(String accept, List<String> binaryMediaTypes) {
        String first = accept == null ? null : MediaTypes.essence(accept.split(",", 2)[0]);
        for (String type : binaryMediaTypes) {
            String entry = MediaTypes.essence(type);
            if (entry.equals("*/*")) return true;
            if (first == null || entry.startsWith("*/")) continue;
            if (MediaTypes.matches(entry, first)) return true;
        }
        return false;
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    private static int status(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) return 200;
        if (node.canConvertToExactIntegral()) return node.asInt();
        if (node.isTextual() && node.asText().trim().matches("\\d{1,3}")) return Integer.parseInt(node.asText().trim());
        throw new Malformed("statusCode " + node + " is not a number");
    }

    private static JsonNode objectOrNull(JsonNode answer, String name) throws Malformed {
        JsonNode node = answer.get(name);
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new Malformed(name + " is not an object");
        return node;
    }

    private static String text(JsonNode value, String where) throws Malformed {
        if (value.isValueNode()) return value.asText();
        throw new Malformed(where + " is not a string");
    }

    private static String body(JsonNode body) throws Malformed {
        if (body == null || body.isNull()) return "";
        if (!body.isValueNode()) throw new Malformed("body is not a string");
        return body.asText();
    }

    private static boolean bool(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : node.asText().equalsIgnoreCase("true"));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
