package dev.portico.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a request with API Gateway REST precedence, over a segment trie built once:
 * <ul>
 *   <li>a literal segment beats {@code {param}}, which beats {@code {greedy+}};</li>
 *   <li>a resource answers with its own method first, then its ANY;</li>
 *   <li>when a branch has no resource with the method (or ANY) for the path, the search backtracks to the
 *       next less specific branch: API Gateway matches by (path, method), so {@code OPTIONS /test} with only
 *       {@code POST /test} declared reaches a sibling {@code OPTIONS /{proxy+}} (conformance case
 *       routing-greedy-sibling-options-test);</li>
 *   <li>{@code {greedy+}} matches one or more remaining segments, never its parent path;</li>
 *   <li>paths are case-sensitive, one trailing slash is ignored, {@code /} is a resource like any other.</li>
 * </ul>
 * The work per request depends on the path's depth, never on the number of routes.
 */
public final class RouteMatcher {
    private final List<Route> routes;
    private final Node root = new Node();

    public RouteMatcher(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (Route route : this.routes) {
            add(route);
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * The routes in the order this matcher prefers them: its own search order over the trie (a path's own
     * methods, then literal children, then {@code {param}}, then {@code {greedy+}}; a concrete method before
     * ANY). For any request, the first route in this list whose path and method fit is the one {@link #match}
     * returns. Literal siblings, which never fit the same request, are listed alphabetically.
     */
    public List<Route> inMatchOrder() {
        List<Route> ordered = new ArrayList<>();
        root.collect(ordered);
        return ordered;
    }

    /** @param path the percent-decoded request path */
    public Optional<RouteMatch> match(String method, String path) {
        String[] segments = PathTemplate.segments(path);
        Target target = find(root, segments, 0, method);
        return target == null ? Optional.empty() : Optional.of(new RouteMatch(target.route, target.capture(segments)));
    }

    private static Target find(Node node, String[] segments, int index, String method) {
        if (index == segments.length) {
            return node.targetFor(method);
        }
        String segment = segments[index];
        if (!segment.isEmpty()) {
            Node literal = node.literals.get(segment);
            Target found = literal == null ? null : find(literal, segments, index + 1, method);
            if (found == null && node.param != null) {
                found = find(node.param, segments, index + 1, method);
            }
            if (found != null) {
                return found;
            }
        }
        return node.greedy == null ? null : node.greedy.targetFor(method);
    }

    private void add(Route route) {
        String[] template = PathTemplate.segments(route.resourcePath());
        Node node = root;
        for (String part : template) {
            if (PathTemplate.isGreedy(part)) {
                node = node.greedy == null ? (node.greedy = new Node()) : node.greedy;
            } else if (PathTemplate.isParam(part)) {
                node = node.param == null ? (node.param = new Node()) : node.param;
            } else {
                node = node.literals.computeIfAbsent(part, p -> new Node());
            }
        }
        // The loader rejects duplicates; a matcher built directly keeps the first, as the file order gives it.
        node.methods.putIfAbsent(route.method(), new Target(route, template));
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        Node greedy;
        final Map<String, Target> methods = new HashMap<>(4);

        void collect(List<Route> into) {
            methods.keySet().stream()
                    .sorted(Comparator.comparing((String m) -> m.equals(Route.ANY)).thenComparing(m -> m))
                    .forEach(method -> into.add(methods.get(method).route));
            literals.keySet().stream().sorted().forEach(literal -> literals.get(literal).collect(into));
            if (param != null) {
                param.collect(into);
            }
            if (greedy != null) {
                greedy.collect(into);
            }
        }

        Target targetFor(String method) {
            Target own = methods.get(method);
            return own != null ? own : methods.get(Route.ANY);
        }
    }

    private record Target(Route route, String[] template) {
        Map<String, String> capture(String[] segments) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (PathTemplate.isGreedy(part)) {
                    values.put(part.substring(1, part.length() - 2),
                            String.join("/", List.of(segments).subList(i, segments.length)));
                } else if (PathTemplate.isParam(part)) {
                    values.put(part.substring(1, part.length() - 1), segments[i]);
                }
            }
            return Collections.unmodifiableMap(values);
        }
    }
}
