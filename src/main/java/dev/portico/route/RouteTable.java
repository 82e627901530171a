package dev.portico.route;

import dev.portico.errors.GatewayResponses;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, validated route table: the routes in file order, the matcher compiled from them, and the
 * API-level settings. A new table replaces an old one as a whole; nothing in here changes after load.
 *
 * @param source           where the table came from, for logs
 * @param routes           every route, in file order
 * @param matcher          the compiled matcher over {@code routes}
 * @param gatewayResponses the API's gateway responses (defaults plus customisations)
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 */
public record RouteTable(
        String source,
        List<Route> routes,
        RouteMatcher matcher,
        GatewayResponses gatewayResponses,
        List<String> binaryMediaTypes) {

    public Optional<RouteMatch> match(String method, String path) {
        return matcher.match(method, path);
    }
}
