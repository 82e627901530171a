package dev.portico.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Values put into a backend uri are percent-encoded as UTF-8 bytes, all but RFC 3986's unreserved characters:
 * checked against that rule written out plainly, on ASCII, non-ASCII, surrogate pairs and lone surrogates, in a
 * segment, a greedy path and the query.
 */
class BackendUriEncodingTest {
    private static final List<String> VALUES = List.of("", "plain", "a b&c=d#e?f/g", "~-._", "%41", "caf\u00e9",
            "\u00e9t\u00e9 ok", "\ud83d\ude00 smile", "lone \ud800 high", "\udc00 low first", "end \ud83d", "..", ".",
            "a/../b", "x/", "/lead", "tab\there", "\u0000\u001f\u007f");

    private static String reference(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String segment(String value) {
        return value.equals(".") || value.equals("..") ? value.replace(".", "%2E") : reference(value);
    }

    @Test
    void everyValueIsEncodedByTheRule() {
        for (String value : VALUES) {
            assertEquals(reference(value), BackendUri.encode(value), value);
            assertEquals(segment(value), BackendUri.encodeSegment(value), value);
            StringBuilder greedy = new StringBuilder();
            String[] parts = value.split("/", -1);
            for (int i = 0; i < parts.length; i++) greedy.append(i > 0 ? "/" : "").append(segment(parts[i]));
            assertEquals(greedy.toString(), BackendUri.encodePath(value), value);
        }
    }

    @Test
    void theTargetHasEachValueInItsPlace() {
        for (String value : VALUES) {
            BackendUri uri = BackendUri.of("https://backend.example/a/{id}/b/{rest+}?fixed=1&v={id}", Map.of(),
                    Map.of("id", value, "rest", value), Set.of(), List.of(Map.entry(value, value), Map.entry("k", "")));
            assertEquals("/a/" + segment(value) + "/b/" + BackendUri.encodePath(value) + "?fixed=1&v=" + reference(value)
                    + "&" + reference(value) + "=" + reference(value) + "&k=", uri.target(), value);
        }
        assertEquals("/", BackendUri.of("http://h", Map.of(), Map.of(), Set.of(), List.of()).target());
        assertEquals("/p", BackendUri.of("http://h/p?", Map.of(), Map.of(), Set.of(), List.of()).target());
        assertEquals("/p?a=1", BackendUri.of("http://h/p?", Map.of(), Map.of(), Set.of(),
                List.of(Map.entry("a", "1"))).target());
        assertEquals("/?a=%20", BackendUri.of("http://h?", Map.of(), Map.of(), Set.of(),
                List.of(Map.entry("a", " "))).target());
    }
}
