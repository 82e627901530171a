package dev.portico.mapping;

import java.util.Locale;
import java.util.Map;

/** Media-type helpers for choosing templates by {@code Content-Type} and {@code Accept}. */
public final class MediaTypes {
    public static final String JSON = "application/json";

    private MediaTypes() {}

    /** The media type without parameters, lower-case: {@code Application/JSON; charset=utf-8} -> {@code application/json}. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The key of {@code byType} whose media type equals {@code contentType}'s, or null. */
    public static <T> String matchingKey(Map<String, T> byType, String contentType) {
        String wanted = essence(contentType);
        if (wanted == null) {
            return null;
        }
        for (String key : byType.keySet()) {
            if (key.equals(wanted) || essence(key).equals(wanted)) {
                return key;
            }
        }
        return null;
    }

    /** Whether {@code mediaType} matches a pattern such as {@code image/*}, {@code *}{@code /*} or {@code image/png}. */
    public static boolean matches(String pattern, String mediaType) {
        String p = essence(pattern);
        String m = essence(mediaType);
        if (p == null || m == null) {
            return false;
        }
        if (p.equals("*/*") || p.equals(m)) {
            return true;
        }
        if (p.endsWith("/*")) {
            return m.startsWith(p.substring(0, p.length() - 1));
        }
        return false;
    }
}
