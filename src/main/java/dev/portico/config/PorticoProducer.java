package dev.portico.config;

import dev.portico.Portico;
import dev.portico.PorticoSettings;
import dev.portico.integration.Integrations;
import dev.portico.route.RouteTables;
import dev.portico.route.source.LiveRouteTable;
import dev.portico.route.source.RouteSource;
import dev.portico.route.source.RouteSources;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config) {
        PorticoSettings settings = new PorticoSettings(config.stage(), Map.copyOf(config.stageVariables()),
                config.healthCheckPath(), config.aws().region(), config.accountId(), config.apiId(),
                Map.copyOf(config.aws().endpointOverride()));
        RouteSource source = RouteSources.fromConfig(config.routes(), settings, RouteTables.loader()::load);
        LiveRouteTable routes = new LiveRouteTable(source, config.routes().refreshInterval());
        return new Portico(routes, Integrations.standard(settings), settings);
    }
}
