package dev.portico.tools.callers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A raw query string split into its pairs, in order; keys and values can be read raw or form-decoded. */
public final class QueryString {
    private QueryString() {}

    public record Pair(String key, String value) {}

    /** The pairs of {@code raw} ("a=1&b&c=%20"), still percent-encoded; a key without '=' has the value "". */
    public static List<Pair> pairs(String raw) {
        List<Pair> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            pairs.add(eq < 0 ? new Pair(part, "") : new Pair(part.substring(0, eq), part.substring(eq + 1)));
        }
        return pairs;
    }

    /** Key -> all values, in order; decoded with form rules (+ is a space) when {@code decode} is set. */
    public static Map<String, List<String>> multi(String raw, boolean decode) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Pair pair : pairs(raw)) {
            String key = decode ? decode(pair.key()) : pair.key();
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(decode ? decode(pair.value()) : pair.value());
        }
        return result;
    }

    /** Form-decodes one component; a malformed escape is left as it is, as a lenient server would. */
    public static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return component;
        }
    }
}
