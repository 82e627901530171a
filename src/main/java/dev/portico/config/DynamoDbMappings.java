package dev.portico.config;

import dev.portico.gateway.ApiRouter;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTableLoader;
import dev.portico.route.source.DynamoDbMappingSource;
import dev.portico.route.source.LiveMappings;
import dev.portico.route.source.MappingStore;
import dev.portico.route.source.RouteSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code portico.api-mappings-source=dynamodb}: the API mappings kept in the route store's table
 * ({@link MappingStore}), read at start and refreshed as route tables are ({@link LiveMappings}). Each API a
 * mapping names gets its live table once, the first time a mapping names it, and keeps it while the mappings
 * change, so a change of mappings reloads no table and each API's table is refreshed on its own: an API that
 * {@code portico.apis.NAME} configures from its source there (bundled, a file or DynamoDB), any other from its own
 * route tables in the same DynamoDB table, its name being its API id unless {@code portico.apis.NAME.api-id} says
 * otherwise (an API configured with stage variables only is one of these).
 */
final class DynamoDbMappings {
    private DynamoDbMappings() {}

    static ApiRouter router(PorticoConfig config, PorticoSettings settings,
                            Function<RouteSource, Supplier<RouteTable>> live) {
        List<String> problems = new ArrayList<>();
        if (config.apiMappings().filter(text -> !text.isBlank()).isPresent()) {
            problems.add("portico.api-mappings is set but portico.api-mappings-source=dynamodb reads the mappings "
                    + "from DynamoDB: set one of them");
        }
        String table = config.routes().dynamodb().table().orElse(null);
        if (table == null) {
            problems.add("portico.api-mappings-source=dynamodb needs portico.routes.dynamodb.table");
        }
        Map<String, RouteSource> configured = new TreeMap<>();
        config.apis().forEach((name, api) -> {
            if (api.source().isEmpty() && api.file().isEmpty()) {
                return; // only stage variables or an API id: its route tables are in the DynamoDB table too
            }
            try {
                configured.put(name, RouteSources.forApi(name, api, config.routes(), settings,
                        Configuration.apiLoader(config, name, api)::load));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid API mappings:\n" + String.join("\n", problems));
        }
        DynamoDbClient client = RouteSources.dynamoDbClient(settings, System::getenv);
        RouteTableLoader loader = Configuration.loader(config);
        // Only ever used under the live router's lock, by the request that builds the router of a new version.
        Map<String, Supplier<RouteTable>> tables = new HashMap<>();
        Function<List<ApiMapping>, ApiRouter> build = mappings -> {
            List<ApiRouter.Api> targets = new ArrayList<>();
            for (ApiMapping mapping : mappings) {
                Supplier<RouteTable> routes = tables.computeIfAbsent(mapping.api(), name -> live.apply(
                        configured.containsKey(name) ? configured.get(name)
                                : RouteSources.dynamoDbApi(dynamoDbApiId(config, name), client, table, loader::load)));
                targets.add(new ApiRouter.Api(mapping.api(), routes,
                        Configuration.stageSettings(settings, mapping, config.apis().get(mapping.api()))));
            }
            return ApiRouter.mapped(mappings, targets);
        };
        LiveMappings mappings = new LiveMappings(new DynamoDbMappingSource(new MappingStore(client, table)),
                config.routes().refreshInterval());
        return ApiRouter.live(mappings, build, settings);
    }

    /** The API id under which the route tables of API {@code name} are kept: {@code portico.apis.NAME.api-id}, else the name. */
    private static String dynamoDbApiId(PorticoConfig config, String name) {
        PorticoConfig.Api api = config.apis().get(name);
        return api == null ? name : api.apiId().orElse(name);
    }
}
