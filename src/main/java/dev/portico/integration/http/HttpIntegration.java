package dev.portico.integration.http;

import dev.portico.event.Headers;
import dev.portico.integration.Integration;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import java.util.List;
import java.util.Map;

/**
 * HTTP (non-proxy): the integration request mapping (parameters, then template) makes the backend request,
 * which carries only the mapped headers and query and the body's Content-Type; the integration responses
 * turn the backend's answer into the client's.
 */
public final class HttpIntegration implements Integration {
    private final BackendClient backend;

    public HttpIntegration(BackendClient backend) {
        this.backend = backend;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.HTTP;
    }

    @Override
    public EndpointResponse invoke(IntegrationRequest mapped, Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();

        List<Map.Entry<String, String>> query = BackendUri.queryPairs(mapped.query(), Map.of());
        BackendUri uri = BackendUri.of(integration.uri(), invocation.settings().stageVariables(),
                mapped.pathParameters(), BackendUri.greedyPlaceholders(invocation.route()), query);

        Headers headers = mapped.headers().copy();
        if (mapped.contentType() != null && !headers.contains("Content-Type")) {
            headers.set("Content-Type", mapped.contentType());
        }
        GatewayHeaders.addDefaults(headers, invocation);
        GatewayHeaders.add(headers, invocation);

        BackendResponse answer = backend.send(new BackendRequest(GatewayHeaders.method(integration, invocation), uri,
                headers.freeze(), mapped.body(), invocation.integrationTimeoutMillis(),
                integration.insecureSkipVerification()));
        return new EndpointResponse(answer.status(), answer.headers(), answer.body(), null);
    }
}
