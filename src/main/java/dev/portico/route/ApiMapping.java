package dev.portico.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One API mapping, as API Gateway maps a custom domain name's base path to an API's stage ("Use API mappings to
 * connect API stages to a custom domain name for REST APIs",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html), and as an ALB listener
 * rule sends a host and path prefix to a target group ({@code host-header} and {@code path-pattern} conditions,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
 *
 * @param host     the host the client called, lower case without a port, or {@code *} for any host
 * @param basePath the mapped path, such as {@code /orders/v1}, or {@code ""} for the empty path ({@code (none)})
 * @param api      the name of the API that serves it
 * @param stage    its stage
 */
public record ApiMapping(String host, String basePath, String api, String stage) {
    public static final String ANY_HOST = "*";
    /** API Gateway's limit for the path of an API mapping. */
    public static final int MAX_BASE_PATH = 300;
    /** A DNS name's limit. */
    public static final int MAX_HOST = 253;
    /** The characters API Gateway allows in an API mapping's path, besides the slash between levels. */
    private static final Pattern BASE_PATH_SEGMENT = Pattern.compile("[A-Za-z0-9$_.+!*'()-]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** The mapping as the configuration writes it: {@code api.example.com/orders -> orders, prod}. */
    @Override
    public String toString() {
        return host + basePath + " -> " + api + ", " + stage;
    }

    /** The host of a request as mappings compare it: lower case, without a port; "" for none or a hostile one. */
    public static String requestHost(String domainName) {
        if (domainName == null || domainName.isEmpty() || domainName.length() > MAX_HOST + 6) {
            return "";
        }
        int colon = domainName.lastIndexOf(':');
        String host = colon >= 0 && domainName.indexOf(']') < colon ? domainName.substring(0, colon) : domainName;
        return host.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses mappings, one an entry, entries separated by {@code ;} or new lines:
     * {@code HOST[/BASE/PATH] -> API, STAGE}, where {@code HOST} is a host name or {@code *}.
     *
     * @param source names the text in messages, such as {@code portico.api-mappings}
     * @throws IllegalArgumentException naming every entry that is wrong and why, one a line
     */
    public static List<ApiMapping> parse(String text, String source) {
        List<ApiMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, ApiMapping> seen = new HashMap<>();
        for (String entry : text.split("[;\n]")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String shown = abbreviate(trimmed);
            try {
                ApiMapping mapping = parseOne(trimmed);
                ApiMapping earlier = seen.putIfAbsent(mapping.host() + mapping.basePath(), mapping);
                if (earlier != null) {
                    problems.add("'" + shown + "': the same host and base path as '" + earlier + "'");
                } else {
                    mappings.add(mapping);
                }
            } catch (IllegalArgumentException e) {
                problems.add("'" + shown + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid API mappings in " + source + ":\n" + String.join("\n", problems));
        }
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("Invalid API mappings in " + source + ": no mapping");
        }
        return List.copyOf(mappings);
    }

    /** Checks one mapping's parts and normalises them (host in lower case, base path without extra slashes). */
    public static ApiMapping of(String host, String basePath, String api, String stage) {
        String normalHost = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (!normalHost.equals(ANY_HOST)
                && (normalHost.length() > MAX_HOST || !HOST.matcher(normalHost).matches())) {
            throw new IllegalArgumentException("host '" + abbreviate(normalHost) + "' is neither a host name nor *");
        }
        String path = basePath == null ? "" : basePath.strip();
        if (path.length() > MAX_BASE_PATH) {
            throw new IllegalArgumentException("the base path is longer than " + MAX_BASE_PATH + " characters");
        }
        StringBuilder normal = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!BASE_PATH_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("base path segment '" + abbreviate(segment) + "' has a character "
                        + "API Gateway does not allow in an API mapping (letters, digits and $-_.+!*'() only) or is "
                        + "a dot segment");
            }
            normal.append('/').append(segment);
        }
        if (api == null || !NAME.matcher(api).matches()) {
            throw new IllegalArgumentException("API name '" + abbreviate(String.valueOf(api))
                    + "' is not 1-128 letters, digits, '.', '_' or '-'");
        }
        if (stage == null || !NAME.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage '" + abbreviate(String.valueOf(stage))
                    + "' is not 1-128 letters, digits, '.', '_' or '-'");
        }
        return new ApiMapping(normalHost, normal.toString(), api, stage);
    }

    private static ApiMapping parseOne(String entry) {
        int arrow = entry.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("not HOST[/BASE/PATH] -> API, STAGE");
        }
        String left = entry.substring(0, arrow).strip();
        String[] right = entry.substring(arrow + 2).split(",", -1);
        if (right.length != 2) {
            throw new IllegalArgumentException("not HOST[/BASE/PATH] -> API, STAGE: name one API and one stage");
        }
        int slash = left.indexOf('/');
        String host = slash < 0 ? left : left.substring(0, slash);
        String basePath = slash < 0 ? "" : left.substring(slash);
        return of(host, basePath, right[0].strip(), right[1].strip());
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
