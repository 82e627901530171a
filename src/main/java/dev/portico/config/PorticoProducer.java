package dev.portico.config;

import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.LiveRouteTable;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config) {
        PorticoSettings settings = Configuration.settings(config);
        ApiRouter router = Configuration.router(config, settings,
                source -> new LiveRouteTable(source, config.routes().refreshInterval()));
        return new Portico(router, Integrations.standard(settings), settings,
                Configuration.observability(config, System.out::println), Configuration.authorizerOptions(config),
                Configuration.apiKeys(config, settings));
    }
}
