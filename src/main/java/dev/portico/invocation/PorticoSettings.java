package dev.portico.invocation;

import java.util.Map;

/**
 * Settings that are not part of the route table.
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

    public static PorticoSettings defaults() {
        return new PorticoSettings("prod", Map.of(), "/health", "us-east-1", "123456789012", "portico", Map.of());
    }

    public PorticoSettings withStage(String stage) {
        return new PorticoSettings(stage, stageVariables, healthCheckPath, region, accountId, apiId, awsEndpointOverrides);
    }

    public PorticoSettings withStageVariables(Map<String, String> variables) {
        return new PorticoSettings(stage, variables, healthCheckPath, region, accountId, apiId, awsEndpointOverrides);
    }

    public PorticoSettings withAwsEndpointOverrides(Map<String, String> overrides) {
        return new PorticoSettings(stage, stageVariables, healthCheckPath, region, accountId, apiId, overrides);
    }
}
