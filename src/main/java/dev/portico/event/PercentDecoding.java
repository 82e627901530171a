package dev.portico.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percent-decoding of paths and query strings, failing with {@link BadEventException} on bad escapes. */
public final class PercentDecoding {
    private PercentDecoding() {}

    /** Decodes a path: {@code %XX} only, a '+' stays a '+'. */
    static String path(String raw, CallerFormat format) {
        return decode(raw, false, format, "path");
    }

    /** Decodes a query name or value: {@code %XX}, and '+' is a space (URL query rule). */
    static String queryComponent(String raw, CallerFormat format) {
        return decode(raw, true, format, "query string");
    }

    /** Parses {@code a=1&b=2&a=3} into decoded names, each with all its values in order. */
    static Map<String, List<String>> parseQuery(String raw, CallerFormat format) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return query;
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) end = raw.length();
            if (end > start) {
                int eq = raw.indexOf('=', start);
                String name = eq < 0 || eq > end ? raw.substring(start, end) : raw.substring(start, eq);
                String value = eq < 0 || eq > end ? "" : raw.substring(eq + 1, end);
                query.computeIfAbsent(queryComponent(name, format), k -> new ArrayList<>(1))
                        .add(queryComponent(value, format));
            }
            start = end + 1;
        }
        return query;
    }

    private static String decode(String raw, boolean plusIsSpace, CallerFormat format, String what) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) return raw;
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        byte[] bytes = null;
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
                continue;
            }
            if (bytes == null) bytes = new byte[(n - i) / 3 + 1];
            int count = 0;
            while (i < n && raw.charAt(i) == '%') {
                int hi = i + 2 < n ? hex(raw.charAt(i + 1)) : -1;
                int lo = hi < 0 ? -1 : hex(raw.charAt(i + 2));
                if (lo < 0) {
                    throw new BadEventException(format,
                            "invalid percent-encoding in " + what + " at index " + i + ": " + abbreviate(raw));
                }
                bytes[count++] = (byte) (hi << 4 | lo);
                i += 3;
            }
            if (ascii(bytes, count)) {
                for (int k = 0; k < count; k++) out.append((char) bytes[k]); // UTF-8 reads ASCII as it is
            } else {
                // Bytes that are not UTF-8 become U+FFFD rather than a rejection: clients do send Latin-1 escapes.
                out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static boolean ascii(byte[] bytes, int count) {
        for (int k = 0; k < count; k++) {
            if (bytes[k] < 0) return false;
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /**
     * Percent-encodes what a path may not hold literally (controls, space, {@code " # % < > ? [ \ ] ^ ` { | }},
     * non-ASCII): the raw form of a path that reached Portico already decoded.
     */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"#%<>?[\\]^`{|}".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
