package dev.portico.invocation;

import java.util.Map;

/**
 * Settings that are not part of the route table, as {@code dev.portico.config.PorticoConfig} reads them; the
 * defaults here are the configuration's defaults too, written once.
 *
 * @param stage            {@code $context.stage}
 * @param stageVariables   {@code $stageVariables}
 * @param healthCheckPath  path on which an ALB health check answers 200 without a route
 * @param region           the AWS region the function runs in
 * @param accountId        the AWS account id, for {@code $context.accountId}
 * @param apiId            the API id, for {@code $context.apiId}
 * @param awsEndpointOverrides service name -> endpoint URL, for AWS integrations against local services
 */
public record PorticoSettings(
        String stage,
        Map<String, String> stageVariables,
        String healthCheckPath,
        String region,
        String accountId,
        String apiId,
        Map<String, String> awsEndpointOverrides) {

    public static final String DEFAULT_STAGE = "prod";
    public static final String DEFAULT_HEALTH_CHECK_PATH = "/health";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_API_ID = "portico";

    /** Every setting at its default. */
    public static PorticoSettings defaults() {
        return new PorticoSettings(DEFAULT_STAGE, Map.of(), DEFAULT_HEALTH_CHECK_PATH, DEFAULT_REGION,
                DEFAULT_ACCOUNT_ID, DEFAULT_API_ID, Map.of());
    }

    public PorticoSettings withStage(String stage) {
        return new PorticoSettings(stage, stageVariables, healthCheckPath, region, accountId, apiId, awsEndpointOverrides);
    }

    public PorticoSettings withStageVariables(Map<String, String> variables) {
        return new PorticoSettings(stage, variables, healthCheckPath, region, accountId, apiId, awsEndpointOverrides);
    }

    public PorticoSettings withApiId(String apiId) {
        return new PorticoSettings(stage, stageVariables, healthCheckPath, region, accountId, apiId, awsEndpointOverrides);
    }

    public PorticoSettings withAwsEndpointOverrides(Map<String, String> overrides) {
        return new PorticoSettings(stage, stageVariables, healthCheckPath, region, accountId, apiId, overrides);
    }
}
