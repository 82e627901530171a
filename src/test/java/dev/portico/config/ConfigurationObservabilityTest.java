package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.observability.Observability;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code portico.access-log.*}, {@code portico.metrics.*} and {@code portico.tracing.*}, read as the function reads them. */
class ConfigurationObservabilityTest {
    private static PorticoConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(PorticoConfig.class)
                .build()
                .getConfigMapping(PorticoConfig.class);
    }

    @Test
    void offUnlessConfigured() {
        Observability observability = Configuration.observability(config(Map.of()), line -> {});
        assertFalse(observability.records());
        assertNull(observability.tracer());
    }

    @Test
    void aPresetByNameMetricsAndTracing() {
        Observability observability = Configuration.observability(config(Map.of(
                "portico.access-log.format", "CLF",
                "portico.metrics.namespace", "Portico",
                "portico.tracing.enabled", "true",
                "portico.tracing.daemon-address", "127.0.0.1:2999")), line -> {});
        assertTrue(observability.records());
        assertTrue(observability.accessLog().source().startsWith("$context.identity.sourceIp "));
        assertNotNull(observability.tracer());
        assertEquals(2999, observability.tracer().daemon().getPort());
    }

    @Test
    void theDaemonDefaultsToLambdasAddress() {
        Observability observability = Configuration.observability(config(Map.of(
                "portico.tracing.enabled", "true", "AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000")), line -> {});
        assertEquals("169.254.79.129", observability.tracer().daemon().getHostString());
        assertEquals(2000, observability.tracer().daemon().getPort());
        Observability unset = Configuration.observability(config(Map.of("portico.tracing.enabled", "true")), line -> {});
        assertEquals(2000, unset.tracer().daemon().getPort());
    }

    @Test
    void aBadFormatFailsAtStartNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Configuration.observability(
                config(Map.of("portico.access-log.format", "$context.requestId $context.responseLenght")), line -> {}));
        assertTrue(e.getMessage().contains("$context.responseLenght"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Configuration.observability(
                config(Map.of("portico.metrics.namespace", "AWS/ApiGateway")), line -> {}));
    }
}
