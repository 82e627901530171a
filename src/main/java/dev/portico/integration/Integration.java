package dev.portico.integration;

import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;

/**
 * One integration type: only the call to its endpoint. The gateway maps the request before and the answer after
 * (or passes them through, for the proxy types); the integration sends the integration request and returns what
 * the endpoint answered, or throws a {@link dev.portico.errors.GatewayException}. It never knows which caller
 * format the request came in.
 */
public interface Integration {

    IntegrationType type();

    /**
     * @param request    the integration request: mapped (HTTP, AWS, MOCK), or for the proxy types the route's
     *                   parameter mappings over the client's request
     * @param invocation the request's state: route, client request, settings, deadline
     */
    EndpointResponse invoke(IntegrationRequest request, Invocation invocation);
}
