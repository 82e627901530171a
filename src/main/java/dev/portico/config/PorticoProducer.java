package dev.portico.config;

import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.LiveRouteTable;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config, Vertx vertx) {
        PorticoSettings settings = Configuration.settings(config);
        ApiRouter router = Configuration.router(config, settings,
                source -> new LiveRouteTable(source, config.routes().refreshInterval()));
        // Quarkus's Vert.x instance (quarkus-rest-client brings it): the one event loop of the function (issue #20).
        return new Portico(router, Integrations.standard(settings, new VertxBackendClient(vertx)), settings,
                Configuration.observability(config, System.out::println), Configuration.authorizerOptions(config),
                Configuration.apiKeys(config, settings));
    }
}
