package dev.portico.config;

import dev.portico.invocation.PorticoSettings;
import dev.portico.route.AccessControl;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portico's configuration: {@code portico.*} properties, or the matching {@code PORTICO_*} environment variables.
 * Read once: by Quarkus when the function starts ({@link PorticoProducer}), by {@link Configuration#fromEnvironment()}
 * for the dev tools.
 */
@ConfigMapping(prefix = "portico")
public interface PorticoConfig {

    /** Where the route table comes from: {@code portico.routes.*}. */
    Routes routes();

    /** {@code $context.stage}. */
    @WithDefault(PorticoSettings.DEFAULT_STAGE)
    String stage();

    /** {@code $stageVariables}: {@code portico.stage-variables.NAME=value}. */
    Map<String, String> stageVariables();

    /** The path on which an ALB health check ({@code ELB-HealthChecker/2.0}) answers 200 without a route. */
    @WithDefault(PorticoSettings.DEFAULT_HEALTH_CHECK_PATH)
    String healthCheckPath();

    /** {@code $context.accountId}. */
    @WithDefault(PorticoSettings.DEFAULT_ACCOUNT_ID)
    String accountId();

    /** {@code $context.apiId}. */
    @WithDefault(PorticoSettings.DEFAULT_API_ID)
    String apiId();

    Aws aws();

    /**
     * API mappings ({@code PORTICO_API_MAPPINGS}): {@code HOST[/BASE/PATH] -> API, STAGE} entries separated by
     * {@code ;} or new lines, such as {@code api.example.com/orders -> orders, prod; admin.example.com -> admin, beta}; a host of {@code *} is any host.
     * Unset: one API, {@code portico.routes.*}, served at the root, as without mappings.
     */
    Optional<String> apiMappings();

    /**
     * Where the API mappings come from ({@code PORTICO_API_MAPPINGS_SOURCE}): {@code config}, the default, is
     * {@code portico.api-mappings}; {@code dynamodb} reads them from the route store's table
     * ({@code portico.routes.dynamodb.table}) at start and again every {@code portico.routes.refresh-interval}, and
     * an API they name that {@code portico.apis} does not configure is served from that table too
     * (docs/dynamodb-routes.md, "API mappings").
     */
    @WithDefault("config")
    MappingSourceKind apiMappingsSource();

    enum MappingSourceKind { CONFIG, DYNAMODB }

    /** The APIs the mappings name: {@code portico.apis.NAME.*}. */
    Map<String, Api> apis();

    /** One API that mappings serve: where its table comes from, and its stages' variables. */
    interface Api {
        /** {@code bundled}, {@code file} or {@code dynamodb}; unset means {@code file} when a file is named. */
        Optional<RouteSourceKind> source();

        /** Its route table file. */
        Optional<String> file();

        /** {@code ignore}, {@code prepend} or {@code split}: the export's own base path; unset is ignore. */
        Optional<String> basepath();

        /** {@code $context.apiId}, and the API in the DynamoDB table ({@code portico.routes.dynamodb.table}); the name. */
        Optional<String> apiId();

        /** {@code $stageVariables} per stage: {@code portico.apis.NAME.stage-variables.STAGE.VARIABLE=value}. */
        Map<String, Map<String, String>> stageVariables();
    }

    /** {@code portico.access-log.*}. */
    AccessLog accessLog();

    interface AccessLog {
        /**
         * API Gateway's access log format ({@code $context.x} variables), or a preset by name: {@code CLF},
         * {@code JSON}, {@code XML}, {@code CSV}. Unset: no access log.
         */
        Optional<String> format();
    }

    /** {@code portico.metrics.*}. */
    Metrics metrics();

    interface Metrics {
        /** The CloudWatch namespace of API Gateway's metrics in embedded metric format. Unset: no metrics. */
        Optional<String> namespace();

        /** The {@code ApiName} dimension; defaults to {@code portico.api-id}. */
        @WithDefault("${portico.api-id}")
        String apiName();

        /** API Gateway's detailed metrics: {@code Resource} and {@code Method} dimensions too. */
        @WithDefault("false")
        boolean detailed();
    }

    /** {@code portico.tracing.*}. */
    Tracing tracing();

    interface Tracing {
        /** Integration calls recorded as X-Ray subsegments, for sampled traces. */
        @WithDefault("false")
        boolean enabled();

        /** The X-Ray daemon, {@code host:port}; Lambda sets {@code AWS_XRAY_DAEMON_ADDRESS}. */
        @WithDefault("${AWS_XRAY_DAEMON_ADDRESS:127.0.0.1:2000}")
        String daemonAddress();
    }

    /** {@code portico.access-control.*}. */
    AccessControl accessControl();

    interface AccessControl {
        /**
         * Security scheme names (and access extensions such as {@code x-amazon-apigateway-policy}) that something in
         * front of the function enforces, such as an ALB listener rule with {@code authenticate-oidc}. Routes that
         * need only these load, and each is logged at start; any other protected route fails the load. Empty by
         * default: a table with access control Portico does not enforce does not load.
         */
        Optional<List<String>> enforcedUpstream();
    }

    /** {@code portico.api-keys.*}: API keys, usage plans, quotas and throttling (README, "API keys"). */
    ApiKeys apiKeys();

    interface ApiKeys {
        /** The DynamoDB table of keys, plans and counters; defaults to {@code portico.routes.dynamodb.table}. */
        Optional<String> table();

        /** How long a key or plan read from the table is believed. */
        @WithDefault("10s")
        Duration cacheTtl();

        /** The most quota requests one instance reserves in one write. */
        @WithDefault("100")
        long quotaLease();

        /** How long a lease of rate-limit tokens lasts; a lease takes this long's worth of tokens. */
        @WithDefault("200ms")
        Duration tokenLease();

        /** DynamoDB unreachable and a key never seen: {@code closed} (answer 500) or {@code open} (admit it). */
        @WithDefault("closed")
        String unknownKeysOnFailure();

        /** DynamoDB unreachable when a known key's counts are due: {@code open} (admit) or {@code closed} (500). */
        @WithDefault("open")
        String countsOnFailure();

        /** A rate limit (requests a second) for every request of the API's stage, keyed or not; unset is none. */
        Optional<Double> apiRateLimit();

        /** The API-wide limit's burst; defaults to the rate rounded up. */
        Optional<Integer> apiBurstLimit();
    }

    /** {@code portico.alb-oidc.*}: the load balancer's own OIDC identity, beyond API Gateway. */
    AlbOidc albOidc();

    interface AlbOidc {
        /**
         * The ARNs of the load balancers whose {@code x-amzn-oidc-data} Portico verifies (the JWT's {@code signer});
         * with any set, the claims of a request that carries it become {@code $context.authorizer.claims} and a
         * forged one answers 401. Unset: not verified, and routes that require it answer 500.
         */
        Optional<List<String>> signers();
    }

    /** {@code portico.cognito.*}: Cognito user pool authorizers. */
    Cognito cognito();

    interface Cognito {
        /**
         * The app client ids a token must be issued to ({@code aud} of an ID token, {@code client_id} of an access
         * token). Unset: any app client of the pool, as API Gateway's REST authorizer.
         */
        Optional<List<String>> clientIds();
    }

    interface Routes {
        /** {@code bundled}, {@code file} or {@code dynamodb}; unset means {@code file} when a file is named, else bundled. */
        Optional<RouteSourceKind> source();

        /**
         * The route table file. The environment variable {@code PORTICO_ROUTES=path} is kept as a shortcut: it names
         * this file, and so selects the file source unless {@code portico.routes.source} says otherwise.
         */
        @WithDefault("${PORTICO_ROUTES:}")
        Optional<String> file();

        Dynamodb dynamodb();

        /**
         * How the export's own base path becomes part of its routes, as API Gateway's import parameter
         * {@code basepath}: {@code ignore} (AWS's default), {@code prepend} or {@code split}.
         */
        @WithDefault("ignore")
        String basepath();

        /** How often, at most, a request checks the source for a new version (one small read for DynamoDB). */
        @WithDefault("30s")
        Duration refreshInterval();
    }

    enum RouteSourceKind { BUNDLED, FILE, DYNAMODB }

    interface Dynamodb {
        /** The table that holds the route tables; its endpoint is {@code portico.aws.endpoint-override.dynamodb}. */
        Optional<String> table();

        /** Which API's route table to serve; defaults to {@code portico.api-id}. */
        @WithDefault("${portico.api-id}")
        String apiId();
    }

    interface Aws {
        /** The region for AWS integrations; Lambda sets {@code AWS_REGION}. */
        @WithDefault("${AWS_REGION:" + PorticoSettings.DEFAULT_REGION + "}")
        String region();

        /** Per service endpoint, for local services: {@code portico.aws.endpoint-override.sqs=http://127.0.0.1:9324}. */
        Map<String, String> endpointOverride();
    }
}
