package dev.portico.config;

import dev.portico.apikey.ApiKeySettings;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.ApiKeys;
import dev.portico.apikey.Throttle;
import dev.portico.authorizer.AuthorizerOptions;
import dev.portico.authorizer.BackendKeyFetcher;
import dev.portico.gateway.ApiRouter;
import dev.portico.integration.http.BackendClient;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.AccessLogFormat;
import dev.portico.observability.EmfMetrics;
import dev.portico.observability.Observability;
import dev.portico.observability.XRayTracer;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.BasePathMode;
import dev.portico.route.openapi.ImportVariables;
import dev.portico.route.openapi.RouteTableLoader;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.RouteSource;
import dev.portico.route.source.RouteTableParser;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
                // The packaged tests' own switches (-Dportico.packaged=native, ...), which the tools they call
                // see as system properties: not Portico's settings, so not "unknown settings" either.
                .withMappingIgnore("portico.packaged")
                .withMappingIgnore("portico.packaged.**")
                .withMappingIgnore("portico.native.**")
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

    /** The loader of the single API at the root: {@code portico.routes.basepath} applied. */
    public static RouteTableLoader rootLoader(PorticoConfig config) {
        return loader(config).withBasePath(basePathMode("portico.routes.basepath", config.routes().basepath()));
    }

    /** The loader as the sources' parser: a table checked at build (the bundled one) keeps its templates unparsed. */
    static RouteTableParser parser(RouteTableLoader loader) {
        return RouteTableParser.of(loader::load, loader.withTemplatesChecked()::load);
    }

    /** {@code value} as a base path mode, or an IllegalArgumentException naming {@code property}. */
    public static BasePathMode basePathMode(String property, String value) {
        try {
            return BasePathMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the function serves: without {@code portico.api-mappings}, the one API of {@code portico.routes.*} at
     * the root, as it always was; with them, each mapping's API and stage ({@code portico.apis.NAME.*}), each API
     * with its own live table from its own source (shared by its stages) and each stage with its own settings.
     *
     * @param live turns an API's source into the table it serves, such as a {@code LiveRouteTable}
     * @throws IllegalArgumentException naming every mapping or API that is wrong, one a line
     */
    public static ApiRouter router(PorticoConfig config, PorticoSettings settings,
                                   Function<RouteSource, Supplier<RouteTable>> live) {
        if (config.apiMappingsSource() == PorticoConfig.MappingSourceKind.DYNAMODB) {
            return DynamoDbMappings.router(config, settings, live);
        }
        if (config.apiMappings().isEmpty() || config.apiMappings().get().isBlank()) {
            if (!config.apis().isEmpty()) {
                throw new IllegalArgumentException("portico.apis." + config.apis().keySet().iterator().next()
                        + " is configured but portico.api-mappings is not: name each API in a mapping");
            }
            RouteSource source = RouteSources.fromConfig(config.routes(), settings, parser(rootLoader(config)));
            return ApiRouter.single(live.apply(source), settings);
        }
        List<ApiMapping> mappings = ApiMapping.parse(config.apiMappings().get(), "portico.api-mappings");
        List<String> problems = new ArrayList<>();
        Map<String, PorticoConfig.Api> apis = config.apis();
        Set<String> mapped = new TreeSet<>();
        for (ApiMapping mapping : mappings) {
            if (!apis.containsKey(mapping.api())) {
                problems.add("'" + mapping + "': no API '" + mapping.api() + "' (portico.apis." + mapping.api()
                        + ".file or .source)");
            }
            mapped.add(mapping.api());
        }
        Map<String, RouteSource> sources = new TreeMap<>();
        for (Map.Entry<String, PorticoConfig.Api> entry : new TreeMap<>(apis).entrySet()) {
            String name = entry.getKey();
            PorticoConfig.Api api = entry.getValue();
            if (!mapped.contains(name)) {
                problems.add("portico.apis." + name + ": no mapping names API '" + name + "'");
                continue;
            }
            for (String stage : api.stageVariables().keySet()) {
                if (mappings.stream().noneMatch(m -> m.api().equals(name) && m.stage().equals(stage))) {
                    problems.add("portico.apis." + name + ".stage-variables." + stage + ": no mapping serves stage '"
                            + stage + "' of API '" + name + "'");
                }
            }
            try {
                RouteSource source = RouteSources.forApi(name, api, config.routes(), settings,
                        parser(apiLoader(config, name, api)));
                sources.put(name, source);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid API mappings:\n" + String.join("\n", problems));
        }
        Map<String, Supplier<RouteTable>> served = new TreeMap<>();
        // Built for every API before any is loaded, so that one wrong name starts none of them.
        sources.forEach((name, source) -> served.put(name, live.apply(source)));
        List<ApiRouter.Api> targets = new ArrayList<>();
        for (ApiMapping mapping : mappings) {
            targets.add(new ApiRouter.Api(mapping.api(), served.get(mapping.api()),
                    stageSettings(settings, mapping, apis.get(mapping.api()))));
        }
        return ApiRouter.mapped(mappings, targets);
    }

    /**
     * The settings of one mapping's API and stage: its stage, its stage variables and its API id.
     *
     * @param api the API's configuration, or null for one that only DynamoDB knows
     */
    static PorticoSettings stageSettings(PorticoSettings settings, ApiMapping mapping, PorticoConfig.Api api) {
        Map<String, String> variables = api == null ? Map.of()
                : Map.copyOf(api.stageVariables().getOrDefault(mapping.stage(), Map.of()));
        return settings.withStage(mapping.stage()).withStageVariables(variables)
                .withApiId(api == null ? mapping.api() : api.apiId().orElse(mapping.api()));
    }

    /** The loader of one configured API: {@code portico.apis.NAME.basepath} applied. */
    static RouteTableLoader apiLoader(PorticoConfig config, String name, PorticoConfig.Api api) {
        return loader(config).withBasePath(basePathMode("portico.apis." + name + ".basepath",
                api.basepath().orElse("ignore")));
    }

    /**
     * The API key stage {@code portico.api-keys.*} asks for: its table ({@code portico.api-keys.table}, else the
     * route table's), a DynamoDB client as the route source builds it, and the function's clock. Without a table,
     * a stage that answers 500 on routes that require a key (and logs what to set).
     *
     * @throws IllegalArgumentException for a failure policy that is neither open nor closed, or an API-wide rate
     *                                  limit without a table
     */
    public static ApiKeys apiKeys(PorticoConfig config, PorticoSettings settings) {
        PorticoConfig.ApiKeys keys = config.apiKeys();
        Throttle apiThrottle = keys.apiRateLimit()
                .map(rate -> new Throttle(rate, keys.apiBurstLimit().orElse(0))).orElse(null);
        ApiKeySettings options = new ApiKeySettings(keys.cacheTtl(),
                keys.quotaLease(), keys.tokenLease(), open("portico.api-keys.unknown-keys-on-failure",
                        keys.unknownKeysOnFailure()),
                open("portico.api-keys.counts-on-failure", keys.countsOnFailure()), apiThrottle);
        Optional<String> table = keys.table().filter(t -> !t.isBlank())
                .or(() -> config.routes().dynamodb().table().filter(t -> !t.isBlank()));
        if (table.isEmpty()) {
            if (apiThrottle != null) {
                throw new IllegalArgumentException("portico.api-keys.api-rate-limit needs a table: set "
                        + "portico.api-keys.table (or portico.routes.dynamodb.table)");
            }
            return new ApiKeys(null, options, System::currentTimeMillis);
        }
        return new ApiKeys(new ApiKeyStore(
                RouteSources.dynamoDbClient(settings, System::getenv), table.get()), options, System::currentTimeMillis);
    }

    private static boolean open(String property, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new IllegalArgumentException(property + " must be open or closed, not '" + value + "'");
        };
    }

    /**
     * {@code portico.alb-oidc.signers} and {@code portico.cognito.client-ids}, keys fetched over a backend client of
     * their own (for the dev tools).
     */
    public static AuthorizerOptions authorizerOptions(PorticoConfig config) {
        return authorizerOptions(config, new VertxBackendClient());
    }

    /** {@link #authorizerOptions(PorticoConfig)} with keys fetched over {@code client}: the function's own. */
    public static AuthorizerOptions authorizerOptions(PorticoConfig config, BackendClient client) {
        return new AuthorizerOptions(config.albOidc().signers().orElse(List.of()),
                config.cognito().clientIds().orElse(List.of()), new BackendKeyFetcher(client));
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
