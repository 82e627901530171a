package dev.portico.route;

import java.util.List;
import java.util.Optional;

/**
 * Finds the route for a request with API Gateway REST precedence: a literal segment beats {@code {param}},
 * which beats {@code {proxy+}}; a concrete method beats ANY. Paths are case-sensitive. Built once per table.
 */
public final class RouteMatcher {
    private final List<Route> routes;

    public RouteMatcher(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** @param path the percent-decoded request path */
    public Optional<RouteMatch> match(String method, String path) {
        throw new UnsupportedOperationException("not built yet");
    }
}
