package dev.portico.authorizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A verified token's claims as API Gateway hands them on in {@code $context.authorizer.claims} and the Lambda
 * proxy event's {@code requestContext.authorizer.claims}: every value a string. Recorded REST events show the
 * registered time claims ({@code exp}, {@code iat}, {@code nbf}) as dates ({@code Thu Feb 06 23:34:21 UTC 2020}),
 * other numbers as their digits ({@code "auth_time": "1580946861"}), lists as {@code [a, b]} (a user in one group:
 * {@code "cognito:groups": "[admin]"}), and an object as its JSON.
 */
final class JwtClaims {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private JwtClaims() {}

    /** The payload's JSON object, or null when it is not one. */
    static JsonNode parse(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Every claim as a string, in the token's order. */
    static Map<String, String> strings(JsonNode claims) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            out.put(claim.getKey(), text(claim.getKey(), claim.getValue()));
        }
        return out;
    }

    private static String text(String name, JsonNode value) {
        if (value.isNumber() && (name.equals("exp") || name.equals("iat") || name.equals("nbf"))) {
            return DATE.format(Instant.ofEpochSecond(value.asLong()));
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return "[" + String.join(", ", items) + "]";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** A NumericDate claim in seconds, or null when absent or not a number. */
    static Long seconds(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    /** A string claim, or a list claim's items ({@code aud} may be either), or an empty list. */
    static List<String> values(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(item -> out.add(item.asText()));
        } else if (value.isTextual()) {
            out.add(value.asText());
        }
        return out;
    }
}
