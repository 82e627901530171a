package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.config.PorticoConfig;
import dev.portico.config.RouteSources;
import dev.portico.invocation.PorticoSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portico.routes.*} (and the {@code PORTICO_*} environment) to a route source, without Quarkus. */
class RouteSourcesTest {

    @TempDir
    Path dir;

    private static PorticoConfig config(Map<String, String> environment, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300),
                        new PropertiesConfigSource(properties, "application.properties", 250))
                .withMapping(PorticoConfig.class)
                .build()
                .getConfigMapping(PorticoConfig.class);
    }

    private static RouteSource source(PorticoConfig config) {
        PorticoSettings settings = PorticoSettings.defaults()
                .withAwsEndpointOverrides(Map.copyOf(config.aws().endpointOverride()));
        return RouteSources.fromConfig(config.routes(), settings, FakeOpenApi::parse);
    }

    @Test
    void bundledByDefault() {
        PorticoConfig config = config(Map.of(), Map.of());

        assertInstanceOf(BundledRouteSource.class, source(config));
        assertEquals(Duration.ofSeconds(30), config.routes().refreshInterval());
    }

    @Test
    void portico_routesInTheEnvironmentStillNamesAFile() throws Exception {
        Path file = Files.write(dir.resolve("api.yaml"), FakeOpenApi.document(5, 2));

        RouteSource source = source(config(Map.of("PORTICO_ROUTES", file.toString()), Map.of()));

        assertEquals("file api.yaml", source.describe()); // the name only: the log is no place for paths
        assertEquals(5, FakeOpenApi.generation(source.loadIfChanged(null).orElseThrow().table()));
    }

    @Test
    void aFileAloneSelectsTheFileSource() {
        RouteSource source = source(config(Map.of(), Map.of("portico.routes.file", "/srv/api.yaml")));

        assertEquals("file api.yaml", source.describe());
    }

    @Test
    void dynamodbFromTheEnvironmentAsTheSamTemplateSetsIt() {
        PorticoConfig config = config(Map.of(
                "PORTICO_ROUTES_SOURCE", "dynamodb",
                "PORTICO_ROUTES_DYNAMODB_TABLE", "portico-routes",
                "PORTICO_ROUTES_DYNAMODB_API_ID", "shop",
                "PORTICO_ROUTES_REFRESH_INTERVAL", "5s"), Map.of());

        RouteSource source = source(config);

        assertInstanceOf(DynamoDbRouteSource.class, source);
        assertEquals("dynamodb table portico-routes, api shop", source.describe());
        assertEquals(Duration.ofSeconds(5), config.routes().refreshInterval());
    }

    @Test
    void theApiIdDefaultsToPorticosApiId() {
        RouteSource source = source(config(Map.of(), Map.of("portico.routes.source", "dynamodb",
                "portico.routes.dynamodb.table", "t", "portico.api-id", "a1b2c3")));

        assertEquals("dynamodb table t, api a1b2c3", source.describe());
    }

    @Test
    void missingSettingsAreNamed() {
        var noTable = assertThrows(IllegalArgumentException.class,
                () -> source(config(Map.of(), Map.of("portico.routes.source", "dynamodb"))));
        assertTrue(noTable.getMessage().contains("portico.routes.dynamodb.table"), noTable.getMessage());

        var noFile = assertThrows(IllegalArgumentException.class,
                () -> source(config(Map.of(), Map.of("portico.routes.source", "file"))));
        assertTrue(noFile.getMessage().contains("portico.routes.file"), noFile.getMessage());
    }
}
