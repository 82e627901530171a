package dev.portico.config;

import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.LiveRouteTable;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config, Instance<Vertx> vertx) {
        try {
            return build(config, vertx);
        } catch (RuntimeException e) {
            // Natively Quarkus starts on the main thread while the Lambda polling thread waits for it; when the start
            // fails, that thread reports only "Interrupted while waiting for another thread to start the
            // application" and ends the process before Quarkus logs the cause. Logged here, so that the function's
            // log names the bad setting natively as the JVM's init error does (issue 21).
            Logger.getLogger(PorticoProducer.class).error("Portico cannot start: " + e.getMessage());
            throw e;
        }
    }

    private static Portico build(PorticoConfig config, Instance<Vertx> vertx) {
        PorticoSettings settings = Configuration.settings(config);
        ApiRouter router = Configuration.router(config, settings,
                source -> new LiveRouteTable(source, config.routes().refreshInterval()));
        // Quarkus's Vert.x instance (quarkus-rest-client brings it), the one event loop of the function, looked up
        // at the first backend call: a table of MOCK routes never starts it (issue #20).
        VertxBackendClient client = new VertxBackendClient(vertx::get);
        Portico portico = new Portico(router, Integrations.standard(settings, client), settings,
                Configuration.observability(config, System.out::println),
                Configuration.authorizerOptions(config, client), Configuration.apiKeys(config, settings));
        StartWarmUp.start(portico, client);
        return portico;
    }
}
