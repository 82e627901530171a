package dev.portico.config;

import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.LiveRouteTable;
import dev.portico.route.source.RouteSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config) {
        PorticoSettings settings = new PorticoSettings(config.stage(), Map.copyOf(config.stageVariables()),
                config.healthCheckPath(), config.aws().region(), config.accountId(), config.apiId(),
                Map.copyOf(config.aws().endpointOverride()));
        Set<String> enforcedUpstream = Set.copyOf(config.accessControl().enforcedUpstream().orElse(List.of()));
        RouteSource source = RouteSources.fromConfig(config.routes(), settings,
                RouteTables.loader(enforcedUpstream)::load);
        LiveRouteTable routes = new LiveRouteTable(source, config.routes().refreshInterval());
        return new Portico(routes, Integrations.standard(settings), settings);
    }
}
