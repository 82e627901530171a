package dev.portico.config;

import dev.portico.integration.aws.OverrideCredentials;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.BundledRouteSource;
import dev.portico.route.source.DynamoDbClients;
import dev.portico.route.source.DynamoDbRouteSource;
import dev.portico.route.source.FileRouteSource;
import dev.portico.route.source.RefusedDocuments;
import dev.portico.route.source.RouteSource;
import dev.portico.route.source.RouteStore;
import dev.portico.route.source.RouteTableParser;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Picks the route source that {@code portico.routes.*} asks for. */
public final class RouteSources {
    private RouteSources() {}

    /** Builds the source without reading from it; only the DynamoDB source creates an AWS client. */
    public static RouteSource fromConfig(PorticoConfig.Routes routes, PorticoSettings settings,
                                         RouteTableParser parser) {
        PorticoConfig.RouteSourceKind kind = routes.source().orElse(
                routes.file().isPresent() ? PorticoConfig.RouteSourceKind.FILE : PorticoConfig.RouteSourceKind.BUNDLED);
        return of(kind, routes.file(), "portico.routes", routes, routes.dynamodb().apiId(), settings, parser);
    }

    /**
     * The source of one API that mappings serve ({@code portico.apis.NAME.*}): its own file, or its own API in the
     * DynamoDB table {@code portico.routes.dynamodb.table}.
     */
    public static RouteSource forApi(String name, PorticoConfig.Api api, PorticoConfig.Routes routes,
                                     PorticoSettings settings, RouteTableParser parser) {
        PorticoConfig.RouteSourceKind kind = api.source().orElse(api.file().isPresent()
                ? PorticoConfig.RouteSourceKind.FILE : null);
        if (kind == null) {
            throw new IllegalArgumentException("portico.apis." + name + " names no route table: set "
                    + "portico.apis." + name + ".file, or portico.apis." + name + ".source=dynamodb or bundled");
        }
        return of(kind, api.file(), "portico.apis." + name, routes, api.apiId().orElse(name), settings, parser);
    }

    /**
     * The source of an API that DynamoDB-kept mappings name and {@code portico.apis} does not configure: its own API
     * in the route store's table, the API id being its name.
     */
    public static RouteSource dynamoDbApi(String name, DynamoDbClient client, String table, RouteTableParser parser) {
        return new DynamoDbRouteSource(new RouteStore(client, table, name), parser);
    }

    private static RouteSource of(PorticoConfig.RouteSourceKind kind, Optional<String> file, String prefix,
                                  PorticoConfig.Routes routes, String dynamoDbApi, PorticoSettings settings,
                                  RouteTableParser given) {
        String fileProperty = prefix.equals("portico.routes") ? "portico.routes.file (or PORTICO_ROUTES)"
                : prefix + ".file";
        String sourceProperty = prefix.equals("portico.routes") ? "portico.routes.source" : prefix + ".source";
        RouteTableParser parser = RefusedDocuments.remembering(given);
        return switch (kind) {
            case BUNDLED -> new BundledRouteSource(parser);
            case FILE -> new FileRouteSource(Path.of(file.orElseThrow(() -> new IllegalArgumentException(
                    sourceProperty + "=file needs " + fileProperty))), parser);
            case DYNAMODB -> {
                String table = routes.dynamodb().table().orElseThrow(() -> new IllegalArgumentException(
                        sourceProperty + "=dynamodb needs portico.routes.dynamodb.table"));
                yield new DynamoDbRouteSource(new RouteStore(dynamoDbClient(settings, System::getenv), table, dynamoDbApi),
                        parser);
            }
        };
    }

    /**
     * The route source's DynamoDB client: the region's endpoint or {@code portico.aws.endpoint-override.dynamodb},
     * with the credentials every AWS client of the function gets ({@link OverrideCredentials}).
     */
    public static DynamoDbClient dynamoDbClient(PorticoSettings settings, Function<String, String> env) {
        Optional<String> endpoint = Optional.ofNullable(settings.awsEndpointOverrides().get("dynamodb"));
        return DynamoDbClients.create(settings.region(), endpoint, OverrideCredentials.forEndpoint(endpoint, env));
    }
}
