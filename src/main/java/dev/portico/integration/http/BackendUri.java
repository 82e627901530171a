package dev.portico.integration.http;

import dev.portico.errors.GatewayException;
import dev.portico.route.Route;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend address built from an integration {@code uri}. Scheme, host and port come only from the uri as
 * written and its stage variables; every value taken from the request is percent-encoded into the path or the
 * query, so it can never move the request to another host or add a path segment it did not come from.
 *
 * @param tls    true for https
 * @param host   host name or address (an IPv6 address in brackets)
 * @param port   port
 * @param target the request target: encoded path, then {@code ?query} when there is one
 */
public record BackendUri(boolean tls, String host, int port, String target) {
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/?#+]+)(\\+?)}");
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)(https?)://([^/?#]*)([^#]*).*");
    private static final Pattern GREEDY_PARAMETER = Pattern.compile("\\{([^{}]+)\\+}");
    private static final String PATH_TARGET = "integration.request.path.";
    private static final String PATH_SOURCE = "method.request.path.";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The Host header value: the port only when it is not the scheme's default. */
    public String authority() {
        return port == (tls ? 443 : 80) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + authority() + target;
    }

    /**
     * @param uri            the integration uri as written in the route table
     * @param stageVariables values for {@code ${stageVariables.x}}
     * @param pathValues     values for {@code {x}} placeholders (decoded)
     * @param greedy         placeholders whose value is a greedy path: its {@code /} stay separators
     * @param query          query parameters (decoded) to append after the uri's own, in order
     * @throws GatewayException a configuration error when the uri cannot name a backend
     */
    public static BackendUri of(String uri, Map<String, String> stageVariables, Map<String, String> pathValues,
                                Set<String> greedy, List<Map.Entry<String, String>> query) {
        if (uri == null) {
            throw GatewayException.configurationError("the integration has no uri");
        }
        String resolved = replaceStageVariables(uri, stageVariables);
        Parsed parsed = PARSED.get(resolved);
        if (parsed == null) {
            parsed = parse(resolved);
        }
        boolean tls = parsed.tls();
        URI server = parsed.server();
        // the request target written once: the path, then '?' and the query when there is one
        StringBuilder target = new StringBuilder(parsed.path().length() + 64);
        if (parsed.path().isEmpty()) {
            target.append('/');
        } else {
            parsed.pathPlaceholders().appendTo(target, pathValues, greedy, false);
        }
        int question = target.length();
        target.append('?');
        if (parsed.query() != null) {
            parsed.query().appendTo(target, pathValues, greedy, true);
        }
        for (Map.Entry<String, String> parameter : query) {
            if (target.length() > question + 1) {
                target.append('&');
            }
            encode(target, parameter.getKey());
            target.append('=');
            encode(target, parameter.getValue());
        }
        if (target.length() == question + 1) {
            target.setLength(question); // no query after all
        }
        int port = server.getPort() >= 0 ? server.getPort() : tls ? 443 : 80;
        return new BackendUri(tls, server.getHost(), port, target.toString());
    }

    /** The query parameters of both maps as name-value pairs, in order (what {@link #of} appends after the uri's own). */
    static List<Map.Entry<String, String>> queryPairs(Map<String, List<String>> first, Map<String, List<String>> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map<String, List<String>> query : List.of(first, second)) {
            query.forEach((name, values) -> values.forEach(value -> pairs.add(Map.entry(name, value))));
        }
        return pairs;
    }

    /**
     * The uri placeholders that take a greedy path: those mapped from a route's {@code {name+}} parameter
     * with {@code integration.request.path.X = method.request.path.name}.
     */
    public static Set<String> greedyPlaceholders(Route route) {
        if (!route.resourcePath().contains("+}")) {
            return Set.of(); // most routes: nothing to look up per request
        }
        Map<String, String> parameters = route.integration().requestParameters();
        Greedy known = GREEDY.get(route.resourcePath());
        if (known != null && known.parameters() == parameters) {
            return known.placeholders();
        }
        Set<String> placeholders = Set.copyOf(findGreedyPlaceholders(route));
        if (GREEDY.size() >= CACHE_LIMIT) {
            GREEDY.clear();
        }
        GREEDY.put(route.resourcePath(), new Greedy(parameters, placeholders));
        return placeholders;
    }

    /**
     * An integration uri taken apart (the same few on every request), path and query split at their placeholders; the
     * query is null when the uri has no '?'.
     */
    private record Parsed(boolean tls, URI server, String path, Placeholders pathPlaceholders, Placeholders query) {}

    /**
     * Text split at its {@code {name}} and {@code {name+}} placeholders: {@code literals[i]} comes before
     * {@code names[i]}, the last literal after the last name.
     */
    private record Placeholders(String[] literals, String[] names, boolean[] plus) {
        static Placeholders of(String text) {
            List<String> literals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Boolean> plus = new ArrayList<>();
            Matcher matcher = PLACEHOLDER.matcher(text);
            int at = 0;
            while (matcher.find()) {
                literals.add(text.substring(at, matcher.start()));
                names.add(matcher.group(1));
                plus.add(!matcher.group(2).isEmpty());
                at = matcher.end();
            }
            literals.add(text.substring(at));
            boolean[] flags = new boolean[plus.size()];
            for (int i = 0; i < flags.length; i++) flags[i] = plus.get(i);
            return new Placeholders(literals.toArray(String[]::new), names.toArray(String[]::new), flags);
        }

        /** The text with each placeholder's value encoded in its place. */
        void appendTo(StringBuilder out, Map<String, String> values, Set<String> greedy, boolean inQuery) {
            for (int i = 0; i < names.length; i++) {
                out.append(literals[i]);
                String name = names[i];
                String value = values.get(name);
                if (value == null) {
                    throw GatewayException.configurationError("integration uri placeholder {" + name
                            + "} has no integration.request.path." + name + " value");
                }
                if (inQuery) {
                    encode(out, value);
                } else if (greedy.contains(name) || plus[i]) {
                    encodePath(out, value);
                } else {
                    encodeSegment(out, value);
                }
            }
            out.append(literals[names.length]);
        }
    }

    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private static Parsed parse(String resolved) {
        Matcher absolute = ABSOLUTE.matcher(resolved);
        if (!absolute.matches()) {
            throw GatewayException.configurationError("integration uri is not an absolute http(s) URL: " + resolved);
        }
        boolean tls = absolute.group(1).toLowerCase(Locale.ROOT).equals("https");
        URI server = server(absolute.group(1), absolute.group(2), resolved);
        String rest = absolute.group(3);
        int questionMark = rest.indexOf('?');
        String path = questionMark < 0 ? rest : rest.substring(0, questionMark);
        String query = questionMark < 0 ? null : rest.substring(questionMark + 1);
        Parsed parsed = new Parsed(tls, server, path, Placeholders.of(path),
                query == null ? null : Placeholders.of(query));
        if (PARSED.size() >= CACHE_LIMIT) {
            PARSED.clear();
        }
        PARSED.put(resolved, parsed);
        return parsed;
    }

    /**
     * A route's greedy placeholders, kept per resource path for the route table whose parameter map they were found
     * in (tables are immutable: the same map instance means the same route), so a request does not redo the regex.
     */
    private record Greedy(Map<String, String> parameters, Set<String> placeholders) {}

    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, Greedy> GREEDY = new ConcurrentHashMap<>();
    /** Endpoints by {@code scheme://authority}: from route tables and stage variables only, never from a request. */
    private static final Map<String, URI> SERVERS = new ConcurrentHashMap<>();

    private static Set<String> findGreedyPlaceholders(Route route) {
        Set<String> greedyParameters = new HashSet<>();
        Matcher matcher = GREEDY_PARAMETER.matcher(route.resourcePath());
        while (matcher.find()) {
            greedyParameters.add(matcher.group(1));
        }
        Set<String> placeholders = new HashSet<>();
        route.integration().requestParameters().forEach((target, source) -> {
            if (target.startsWith(PATH_TARGET) && source.startsWith(PATH_SOURCE)
                    && greedyParameters.contains(source.substring(PATH_SOURCE.length()))) {
                placeholders.add(target.substring(PATH_TARGET.length()));
            }
        });
        return placeholders;
    }

    private static String replaceStageVariables(String uri, Map<String, String> stageVariables) {
        if (!uri.contains("${")) {
            return uri;
        }
        Matcher matcher = STAGE_VARIABLE.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = stageVariables.get(matcher.group(1));
            if (value == null) {
                throw GatewayException.configurationError("integration uri uses the undefined stage variable "
                        + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static URI server(String scheme, String authority, String uri) {
        if (authority.contains("{")) {
            throw GatewayException.configurationError("integration uri has a placeholder in its host: " + uri);
        }
        String key = scheme + "://" + authority;
        URI known = SERVERS.get(key);
        if (known != null) {
            return known;
        }
        try {
            URI server = new URI(key);
            if (server.getHost() == null || server.getRawUserInfo() != null) {
                throw GatewayException.configurationError("integration uri has no usable host: " + uri);
            }
            if (SERVERS.size() >= CACHE_LIMIT) {
                SERVERS.clear();
            }
            SERVERS.put(key, server);
            return server;
        } catch (URISyntaxException e) {
            throw GatewayException.configurationError("integration uri has an invalid host: " + uri);
        }
    }

    /** A greedy path: its {@code /} stay, each segment between them is encoded. */
    static String encodePath(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        encodePath(out, value);
        return out.toString();
    }

    private static void encodePath(StringBuilder out, String value) {
        int start = 0;
        while (true) {
            int slash = value.indexOf('/', start);
            encodeSegment(out, slash < 0 ? value.substring(start) : value.substring(start, slash));
            if (slash < 0) {
                return;
            }
            out.append('/');
            start = slash + 1;
        }
    }

    /** One path segment; {@code .} and {@code ..} are encoded too, so no backend reads them as dot-segments. */
    static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        encodeSegment(out, value);
        return out.toString();
    }

    private static void encodeSegment(StringBuilder out, String value) {
        if (value.equals(".") || value.equals("..")) {
            out.append(value.replace(".", "%2E"));
        } else {
            encode(out, value);
        }
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, as UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        encode(out, value);
        return out.toString();
    }

    private static void encode(StringBuilder out, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // the rest as UTF-8 bytes (a lone surrogate becomes '?', as String.getBytes makes it)
                for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(out, (char) (b & 0xff));
                }
                return;
            }
            appendByte(out, c);
        }
    }

    private static void appendByte(StringBuilder out, char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~') {
            out.append(c);
        } else {
            out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }
}
