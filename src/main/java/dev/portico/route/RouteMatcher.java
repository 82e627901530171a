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
    private final Node root = new Node("");

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

    /**
     * Why {@link #match} answers as it does: the same search, step by step, each step naming the resource it
     * reached and the precedence rule that decided. For {@code ./portico explain}; {@link #match} is the one to
     * serve with.
     *
     * @param path the percent-decoded request path
     */
    public Explanation explain(String method, String path) {
        String[] segments = PathTemplate.segments(path);
        List<String> steps = new ArrayList<>();
        Target target = explain(root, "", segments, 0, method, steps);
        return new Explanation(target == null ? Optional.empty()
                : Optional.of(new RouteMatch(target.route, target.capture(segments))), List.copyOf(steps));
    }

    /**
     * @param match the route {@link #match} returns, if any
     * @param steps the search in order, one sentence each
     */
    public record Explanation(Optional<RouteMatch> match, List<String> steps) {}

    private static Target explain(Node node, String at, String[] segments, int index, String method,
                                  List<String> steps) {
        String here = at.isEmpty() ? "/" : at;
        if (index == segments.length) {
            Target own = node.methods.get(method);
            Target any = node.methods.get(Route.ANY);
            if (own != null) {
                steps.add("at " + here + ": " + method + " is declared (a resource's own method before its ANY)");
                return own;
            }
            if (any != null) {
                steps.add("at " + here + ": no " + method + " of its own, so its ANY answers");
                return any;
            }
            steps.add("at " + here + ": " + (node.methods.isEmpty() ? "no method is declared on this resource"
                    : "no " + method + " and no ANY (declared: " + String.join(", ", new java.util.TreeSet<>(
                    node.methods.keySet())) + ")") + ", so the search backs up");
            return null;
        }
        String segment = segments[index];
        Target found = null;
        if (segment.isEmpty()) {
            steps.add("segment " + (index + 1) + " is empty (a '//' in the path): no literal or {param} takes it");
        } else {
            Node literal = node.literals.get(segment);
            if (literal != null) {
                steps.add("segment " + (index + 1) + " '" + segment + "': the literal " + at + "/" + segment
                        + " (a literal segment before {param} before {greedy+})");
                found = explain(literal, at + "/" + segment, segments, index + 1, method, steps);
            } else {
                steps.add("segment " + (index + 1) + " '" + segment + "': no literal under " + here
                        + (node.literals.isEmpty() ? "" : " (literals: " + String.join(", ",
                        new java.util.TreeSet<>(node.literals.keySet())) + ")"));
            }
            if (found == null && node.param != null) {
                steps.add("segment " + (index + 1) + " '" + segment + "': " + at + "/" + node.param.label + " takes it"
                        + (literal != null ? " (the literal branch has no route for " + method + ")" : ""));
                found = explain(node.param, at + "/" + node.param.label, segments, index + 1, method, steps);
            }
        }
        if (found != null) {
            return found;
        }
        if (node.greedy == null) {
            return null;
        }
        String rest = String.join("/", List.of(segments).subList(index, segments.length));
        steps.add(at + "/" + node.greedy.label + " takes the rest, '" + rest + "' (a {greedy+} matches one or more "
                + "segments, only when nothing more specific has a route)");
        Target own = node.greedy.methods.get(method);
        Target any = node.greedy.methods.get(Route.ANY);
        String greedyAt = at + "/" + node.greedy.label;
        if (own == null && any == null) {
            steps.add("at " + greedyAt + ": no " + method + " and no ANY (declared: " + String.join(", ",
                    new java.util.TreeSet<>(node.greedy.methods.keySet())) + ")");
            return null;
        }
        steps.add("at " + greedyAt + ": " + (own != null ? method + " is declared" : "no " + method
                + " of its own, so its ANY answers"));
        return own != null ? own : any;
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
                node = node.greedy == null ? (node.greedy = new Node(part)) : node.greedy;
            } else if (PathTemplate.isParam(part)) {
                node = node.param == null ? (node.param = new Node(part)) : node.param;
            } else {
                if (node.literals.isEmpty()) {
                    node.literals = new HashMap<>(4);
                }
                node = node.literals.computeIfAbsent(part, Node::new);
            }
        }
        if (node.methods.isEmpty()) {
            node.methods = new HashMap<>(4);
        }
        // The loader rejects duplicates; a matcher built directly keeps the first, as the file order gives it.
        node.methods.putIfAbsent(route.method(), Target.of(route, template));
    }

    private static final class Node {
        /** The segment as the first route through this node writes it: {@code pets}, {@code {id}}. */
        final String label;
        /**
         * Made for the first literal child or method: most nodes of a large table are leaves (no literals) or
         * intermediate segments (no methods), and two empty maps each were a third of the matcher's heap.
         */
        Map<String, Node> literals = Map.of();
        Node param;
        Node greedy;
        Map<String, Target> methods = Map.of();

        Node(String label) {
            this.label = label;
        }

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

    /**
     * A route at the end of its path, with what its path captures.
     *
     * @param params per segment of the resource path, the parameter's name ({@code id} of {@code {id}}), null for a
     *               literal segment; null itself when the path has no parameter (most routes: they capture nothing)
     * @param count  how many parameters the path has
     * @param greedy whether the last one is greedy ({@code {name+}}), taking the rest of the request's path
     */
    private record Target(Route route, String[] params, int count, boolean greedy) {
        static Target of(Route route, String[] template) {
            String[] params = null;
            int count = 0;
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (!PathTemplate.isParam(part)) {
                    continue;
                }
                if (params == null) {
                    params = new String[template.length];
                }
                params[i] = part.substring(1, part.length() - (PathTemplate.isGreedy(part) ? 2 : 1));
                count++;
            }
            boolean greedy = template.length > 0 && PathTemplate.isGreedy(template[template.length - 1]);
            return new Target(route, params, count, greedy);
        }

        Map<String, String> capture(String[] segments) {
            if (params == null) {
                return Map.of();
            }
            Map<String, String> values = count == 1 ? null : new LinkedHashMap<>();
            for (int i = 0; i < params.length; i++) {
                String name = params[i];
                if (name == null) {
                    continue;
                }
                String value = greedy && i == params.length - 1 && segments.length > params.length
                        ? String.join("/", List.of(segments).subList(i, segments.length)) : segments[i];
                if (values == null) {
                    return Map.of(name, value);
                }
                values.put(name, value);
            }
            return Collections.unmodifiableMap(values);
        }
    }
}
