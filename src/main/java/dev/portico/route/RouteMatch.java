package dev.portico.route;

import java.util.Map;

/** A route found for a request, with the path parameters it captured (percent-decoded). */
public record RouteMatch(Route route, Map<String, String> pathParameters) {}
