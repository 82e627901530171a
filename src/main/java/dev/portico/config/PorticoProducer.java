package dev.portico.config;

import dev.portico.Portico;
import dev.portico.PorticoSettings;
import dev.portico.integration.Integrations;
import dev.portico.route.RouteTable;
import dev.portico.route.RouteTables;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the one {@link Portico} of this function when it starts, so the first request pays nothing. */
public class PorticoProducer {
    private static final Logger LOG = Logger.getLogger(PorticoProducer.class);
    /** The example route table bundled in the jar, served when {@code portico.routes} is not set. */
    public static final String BUNDLED_ROUTES = "routes/example-api.yaml";

    @Produces
    @Singleton
    @Startup
    Portico portico(PorticoConfig config) {
        PorticoSettings settings = new PorticoSettings(config.stage(), Map.copyOf(config.stageVariables()),
                config.healthCheckPath(), config.aws().region(), config.accountId(), config.apiId(),
                Map.copyOf(config.aws().endpointOverride()));
        RouteTable table = load(config.routes().orElse(null));
        LOG.infof("Serving %d routes from %s", table.routes().size(), table.source());
        return new Portico(() -> table, Integrations.standard(settings), settings);
    }

    static RouteTable load(String file) {
        try {
            if (file != null) {
                return RouteTables.loader().load(file, Files.readAllBytes(Path.of(file)));
            }
            try (InputStream in = PorticoProducer.class.getClassLoader().getResourceAsStream(BUNDLED_ROUTES)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled route table " + BUNDLED_ROUTES + " is missing");
                }
                return RouteTables.loader().load("bundled " + BUNDLED_ROUTES, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route table " + file, e);
        }
    }
}
