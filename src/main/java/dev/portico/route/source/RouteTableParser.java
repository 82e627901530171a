package dev.portico.route.source;

import dev.portico.route.RouteTable;

/**
 * Turns a route table document into a validated table; {@code RouteTables.loader()::load} in production.
 * A seam so that the sources and the import command can be tested without the real loader.
 */
@FunctionalInterface
public interface RouteTableParser {
    /** @throws dev.portico.route.InvalidRouteTableException when the document cannot be served */
    RouteTable parse(String source, byte[] content);
}
