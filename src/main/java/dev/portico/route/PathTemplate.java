package dev.portico.route;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The segment rules of a resource path such as {@code /pets/{id}} or {@code /files/{proxy+}}: how a path splits
 * into segments, which segments are parameters, which resource paths can be routed, and when two paths name the
 * same resource. The matcher and the route-table loader both follow these rules.
 */
public final class PathTemplate {
    private static final Pattern PART = Pattern.compile("[^{}]+|\\{[A-Za-z0-9._-]+\\+?}");

    private PathTemplate() {}

    /** The path's segments, without the leading slash and one trailing slash; {@code /} has none. */
    public static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** {@code {name}} or {@code {name+}}. */
    public static boolean isParam(String part) {
        return part.length() > 2 && part.startsWith("{") && part.endsWith("}");
    }

    /** {@code {name+}}: one or more remaining segments. */
    public static boolean isGreedy(String part) {
        return isParam(part) && part.endsWith("+}");
    }

    /** Why a resource path cannot be routed, or null when it can. */
    public static String problem(String path) {
        if (!path.startsWith("/")) {
            return "does not start with /";
        }
        if (path.equals("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return "empty segment";
            }
            if (!PART.matcher(part).matches()) {
                return "segment '" + part + "' has unbalanced braces or is not a whole {param}";
            }
            if (isGreedy(part) && i < parts.length - 1) {
                return "greedy " + part + " must be the last segment";
            }
            if (isParam(part) && !names.add(part.replace("+", ""))) {
                return "path parameter " + part + " appears twice";
            }
        }
        return null;
    }

    /** The resource a path names, whatever its parameters are called: /a/{x} and /a/{y} are one resource. */
    public static String resourceKey(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : segments(path)) {
            out.append('/').append(isGreedy(part) ? "{+}" : isParam(part) ? "{}" : part);
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
