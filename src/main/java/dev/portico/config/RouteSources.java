package dev.portico.config;

import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.BundledRouteSource;
import dev.portico.route.source.DynamoDbClients;
import dev.portico.route.source.DynamoDbRouteSource;
import dev.portico.route.source.FileRouteSource;
import dev.portico.route.source.RouteSource;
import dev.portico.route.source.RouteStore;
import dev.portico.route.source.RouteTableParser;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the route source that {@code portico.routes.*} asks for. */
public final class RouteSources {
    private RouteSources() {}

    /** Builds the source without reading from it; only the DynamoDB source creates an AWS client. */
    public static RouteSource fromConfig(PorticoConfig.Routes routes, PorticoSettings settings,
                                         RouteTableParser parser) {
        PorticoConfig.RouteSourceKind kind = routes.source().orElse(
                routes.file().isPresent() ? PorticoConfig.RouteSourceKind.FILE : PorticoConfig.RouteSourceKind.BUNDLED);
        return switch (kind) {
            case BUNDLED -> new BundledRouteSource(parser);
            case FILE -> new FileRouteSource(Path.of(routes.file().orElseThrow(() -> new IllegalArgumentException(
                    "portico.routes.source=file needs portico.routes.file (or PORTICO_ROUTES)"))), parser);
            case DYNAMODB -> {
                String table = routes.dynamodb().table().orElseThrow(() -> new IllegalArgumentException(
                        "portico.routes.source=dynamodb needs portico.routes.dynamodb.table"));
                var client = DynamoDbClients.create(settings.region(),
                        Optional.ofNullable(settings.awsEndpointOverrides().get("dynamodb")));
                yield new DynamoDbRouteSource(new RouteStore(client, table, routes.dynamodb().apiId()), parser);
            }
        };
    }
}
