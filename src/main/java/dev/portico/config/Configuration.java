package dev.portico.config;

import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.AccessLogFormat;
import dev.portico.observability.EmfMetrics;
import dev.portico.observability.Observability;
import dev.portico.observability.XRayTracer;
import dev.portico.route.openapi.ImportVariables;
import dev.portico.route.openapi.RouteTableLoader;
import dev.portico.route.openapi.RouteTables;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Turns {@link PorticoConfig} into the objects the gateway takes; the one place that does. */
public final class Configuration {
    private Configuration() {}

    /**
     * {@code portico.*} as the function reads it, for code that runs outside Quarkus (the dev tools): system
     * properties and {@code PORTICO_*} environment variables over the defaults of {@link PorticoConfig}.
     */
    public static PorticoConfig fromEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                // Quarkus's own reading of durations ("30s"), as the function gets it
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(PorticoConfig.class)
                .build();
        return config.getConfigMapping(PorticoConfig.class);
    }

    public static PorticoSettings settings(PorticoConfig config) {
        return new PorticoSettings(config.stage(), Map.copyOf(config.stageVariables()), config.healthCheckPath(),
                config.aws().region(), config.accountId(), config.apiId(), Map.copyOf(config.aws().endpointOverride()));
    }

    /**
     * The values of {@code ${AWS::Region}}, {@code ${AWS::AccountId}} and {@code ${AWS::Partition}} in a route
     * table: {@code portico.aws.region} and {@code portico.account-id}. The default account id (AWS's example
     * account, which is no one's) counts as not set, so a table that needs the account fails to load instead of
     * calling into an account that is not the function's.
     */
    public static ImportVariables importVariables(PorticoSettings settings) {
        String account = settings.accountId();
        return new ImportVariables(settings.region(),
                account == null || account.isBlank() || account.equals(PorticoSettings.DEFAULT_ACCOUNT_ID) ? null
                        : account);
    }

    /** The loader the function uses: its access control enforced upstream and its region and account. */
    public static RouteTableLoader loader(PorticoConfig config) {
        return RouteTables.loader(enforcedUpstream(config), importVariables(settings(config)));
    }

    /** {@code portico.access-control.enforced-upstream}. */
    public static Set<String> enforcedUpstream(PorticoConfig config) {
        return Set.copyOf(config.accessControl().enforcedUpstream().orElse(List.of()));
    }

    /**
     * The access log, metrics and tracing that {@code portico.access-log.*}, {@code portico.metrics.*} and
     * {@code portico.tracing.*} ask for, each line written to {@code out}.
     *
     * @throws IllegalArgumentException for a format with a variable API Gateway does not have (named), a reserved
     *                                  or empty namespace, or a daemon address that is not {@code host:port}
     */
    public static Observability observability(PorticoConfig config, Consumer<String> out) {
        return observability(config, out, null);
    }

    /** @param defaultFormat the access log format when {@code portico.access-log.format} is unset; null for none */
    public static Observability observability(PorticoConfig config, Consumer<String> out, String defaultFormat) {
        AccessLogFormat format = config.accessLog().format().filter(f -> !f.isBlank())
                .or(() -> java.util.Optional.ofNullable(defaultFormat))
                .map(AccessLogFormat::compile).orElse(null);
        EmfMetrics metrics = config.metrics().namespace().filter(n -> !n.isBlank())
                .map(namespace -> new EmfMetrics(namespace, config.metrics().apiName(), config.stage(),
                        config.metrics().detailed(), out, System::currentTimeMillis))
                .orElse(null);
        XRayTracer tracer = config.tracing().enabled() ? new XRayTracer(config.tracing().daemonAddress()) : null;
        return new Observability(format, metrics, tracer, out);
    }
}
