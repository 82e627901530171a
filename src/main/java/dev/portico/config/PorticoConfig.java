package dev.portico.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Portico's configuration: {@code portico.*} properties, or the matching {@code PORTICO_*} environment variables. */
@ConfigMapping(prefix = "portico")
public interface PorticoConfig {

    /** A route table file to serve instead of the bundled example ({@code PORTICO_ROUTES}). */
    Optional<String> routes();

    /** {@code $context.stage}. */
    @WithDefault("prod")
    String stage();

    /** {@code $stageVariables}: {@code portico.stage-variables.NAME=value}. */
    Map<String, String> stageVariables();

    /** The path on which an ALB health check ({@code ELB-HealthChecker/2.0}) answers 200 without a route. */
    @WithDefault("/health")
    String healthCheckPath();

    /** {@code $context.accountId}. */
    @WithDefault("123456789012")
    String accountId();

    /** {@code $context.apiId}. */
    @WithDefault("portico")
    String apiId();

    Aws aws();

    interface Aws {
        /** The region for AWS integrations; Lambda sets {@code AWS_REGION}. */
        @WithDefault("${AWS_REGION:us-east-1}")
        String region();

        /** Per service endpoint, for local services: {@code portico.aws.endpoint-override.sqs=http://127.0.0.1:9324}. */
        Map<String, String> endpointOverride();
    }
}
