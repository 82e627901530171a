package dev.portico.integration.aws;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.Integration;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.AwsServiceUri;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import java.util.Locale;

/**
 * AWS_PROXY: the request becomes the Lambda proxy event, the function's answer the response. Request
 * parameter mappings are ignored (the gateway still applies them, so a mapping onto a forbidden header fails the
 * call, as recorded).
 */
public final class AwsProxyIntegration implements Integration {

    private final LambdaInvoker lambda;

    public AwsProxyIntegration(LambdaInvoker lambda) {
        this.lambda = lambda;
    }

    /** The Lambda client, which the route's Lambda authorizer is invoked through too. */
    public LambdaInvoker lambda() {
        return lambda;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.AWS_PROXY;
    }

    @Override
    public EndpointResponse invoke(IntegrationRequest mapped, Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        String where = invocation.route().name();
        AwsServiceUri uri;
        try {
            uri = integration.awsUri(invocation.settings().stageVariables());
        } catch (IllegalArgumentException e) {
            throw GatewayException.configurationError(where + ": " + e.getMessage());
        }
        if (uri.lambdaFunction() == null) {
            throw GatewayException.configurationError(where + ": AWS_PROXY needs a Lambda invocation uri, not " + integration.uri());
        }
        if (integration.httpMethod() == null || !integration.httpMethod().toUpperCase(Locale.ROOT).equals("POST")) {
            throw GatewayException.configurationError(where + ": Lambda is invoked with POST, the integration says "
                    + integration.httpMethod());
        }
        String version = integration.payloadFormatVersion();
        byte[] event = LambdaProxyEvent.build(invocation, version);
        LambdaInvoker.Result result = lambda.invoke(where, uri, AwsIntegration.traced(Headers.empty(), invocation), event, integration.credentials(),
                invocation.integrationTimeoutMillis());
        if (result.failed()) {
            throw GatewayException.integrationFailure(where + ": the function failed (" + result.functionError() + "): "
                    + result.errorMessage());
        }
        try {
            return "2.0".equals(version)
                    ? LambdaProxyAnswer.v2(result.payload())
                    : LambdaProxyAnswer.v1(result.payload(), invocation.request().headers().last("Accept"),
                            invocation.table().binaryMediaTypes());
        } catch (LambdaProxyAnswer.Malformed e) {
            throw GatewayException.integrationFailure(where + ": Malformed Lambda proxy response: " + e.getMessage());
        }
    }
}
