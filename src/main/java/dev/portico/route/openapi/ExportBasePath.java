package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base path an export declares, found as API Gateway's import finds it ("Set the OpenAPI basePath property",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html): Swagger 2's
 * top-level {@code basePath}; in OpenAPI 3, the first {@code basePath} server variable (its {@code default}),
 * even when no {@code servers[].url} names it, and without one the path of the first server's url beyond
 * {@code /}. API Gateway's own export writes {@code url: https://{id}.execute-api.{region}.amazonaws.com/{basePath}}
 * with {@code basePath: {default: /prod}}, the stage, which {@link BasePathMode#IGNORE} (the default) leaves out.
 */
final class ExportBasePath {
    /** The longest base path read; API Gateway's API mapping paths stop at 300 characters. */
    static final int MAX_LENGTH = 300;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");
    /** A literal segment of a resource path: no braces, no dot segments. */
    private static final Pattern SEGMENT = Pattern.compile("[^{}/]+");

    private ExportBasePath() {}

    /** The base path's segments ({@code /a/b/c} is a, b, c; none for {@code /} or no base path). */
    static List<String> segments(JsonNode root, Consumer<String> problems) {
        String declared = declared(root, problems);
        if (declared == null) {
            return List.of();
        }
        if (declared.length() > MAX_LENGTH) {
            problems.accept("basePath: longer than " + MAX_LENGTH + " characters");
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        for (String part : declared.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                problems.accept("basePath '" + declared + "': segment '" + part
                        + "' is not a literal path segment (no braces, no . or ..)");
                return List.of();
            }
            segments.add(part);
        }
        return List.copyOf(segments);
    }

    /** The resource path of {@code path} under {@code mode}. */
    static String apply(List<String> base, BasePathMode mode, String path) {
        List<String> prefix = switch (mode) {
            case IGNORE -> List.of();
            case PREPEND -> base;
            case SPLIT -> base.isEmpty() ? base : base.subList(1, base.size());
        };
        if (prefix.isEmpty()) {
            return path;
        }
        String joined = "/" + String.join("/", prefix);
        return path.equals("/") ? joined : joined + path;
    }

    private static String declared(JsonNode root, Consumer<String> problems) {
        if (root.has("swagger")) {
            JsonNode basePath = root.get("basePath");
            if (basePath == null || basePath.isNull()) {
                return null;
            }
            if (!basePath.isTextual()) {
                problems.accept("basePath: not a string");
                return null;
            }
            return basePath.textValue();
        }
        JsonNode servers = root.get("servers");
        if (servers == null || !servers.isArray() || servers.isEmpty()) {
            return null;
        }
        for (JsonNode server : servers) {
            JsonNode variable = server.path("variables").get("basePath");
            if (variable != null) {
                JsonNode value = variable.get("default");
                if (value == null || !value.isTextual()) {
                    problems.accept("servers: the basePath variable has no string default");
                    return null;
                }
                return value.textValue();
            }
        }
        JsonNode first = servers.get(0);
        JsonNode url = first.get("url");
        if (url == null || !url.isTextual()) {
            return null;
        }
        String path = urlPath(url.textValue());
        Matcher variables = VARIABLE.matcher(path);
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            JsonNode value = first.path("variables").path(variables.group(1)).get("default");
            if (value == null || !value.isTextual()) {
                problems.accept("servers: url '" + url.textValue() + "' names variable {" + variables.group(1)
                        + "} in its path without a string default");
                return null;
            }
            variables.appendReplacement(resolved, Matcher.quoteReplacement(value.textValue()));
        }
        variables.appendTail(resolved);
        return resolved.toString();
    }

    /** The path of a server url: after the authority of an absolute url, the whole of a relative one. */
    private static String urlPath(String url) {
        String rest = url;
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            int slash = url.indexOf('/', scheme + 3);
            rest = slash < 0 ? "/" : url.substring(slash);
        }
        for (char end : new char[] {'?', '#'}) {
            int at = rest.indexOf(end);
            if (at >= 0) {
                rest = rest.substring(0, at);
            }
        }
        return rest;
    }
}
