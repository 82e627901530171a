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

    /**
     * Parses a document whose mapping templates were checked when it was built (the bundled table); a parser may
     * then leave each template's parsing to its first use. By default, checks them again.
     */
    default RouteTable parseChecked(String source, byte[] content) {
        return parse(source, content);
    }

    /** A parser that parses with {@code parse}, and checked documents with {@code parseChecked}. */
    static RouteTableParser of(RouteTableParser parse, RouteTableParser parseChecked) {
        return new RouteTableParser() {
            @Override
            public RouteTable parse(String source, byte[] content) {
                return parse.parse(source, content);
            }

            @Override
            public RouteTable parseChecked(String source, byte[] content) {
                return parseChecked.parse(source, content);
            }
        };
    }
}
