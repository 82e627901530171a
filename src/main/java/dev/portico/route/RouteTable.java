package dev.portico.route;

import dev.portico.errors.GatewayResponseType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, validated route table: the matcher compiled from the routes, and the API-level settings. A new
 * table replaces an old one as a whole; nothing in here changes after load.
 *
 * @param source           where the table came from, for logs
 * @param matcher          the compiled matcher over every route
 * @param gatewayResponses the API's {@code x-amazon-apigateway-gateway-responses}, by type
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 */
public record RouteTable(
        String source,
        RouteMatcher matcher,
        Map<GatewayResponseType, GatewayResponseDefinition> gatewayResponses,
        List<String> binaryMediaTypes) {

    /** A table without gateway-response customisations or binary media types. */
    public RouteTable(String source, RouteMatcher matcher) {
        this(source, matcher, Map.of(), List.of());
    }

    /** Every route, in file order. */
    public List<Route> routes() {
        return matcher.routes();
    }

    public Optional<RouteMatch> match(String method, String path) {
        return matcher.match(method, path);
    }
}
