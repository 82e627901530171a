package dev.portico.gateway;

import dev.portico.errors.GatewayException;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.route.RouteMatch;

/**
 * What each stage of one request produced, kept by {@link Portico#rehearse}: the same stages, in the same order,
 * as every request runs, so that the dev tools can show a route's integration request and method response, or the
 * error that ended the request with its detail (a template's line and column), beside the answer the caller gets.
 * A stage the request did not reach is null.
 */
public final class Rehearsal {
    RouteMatch match;
    IntegrationRequest integrationRequest;
    EndpointResponse endpoint;
    OutgoingResponse methodResponse;
    GatewayException error;
    OutgoingResponse answer;

    Rehearsal() {}

    /** The route and its path parameters; null when no route matched (or before routing). */
    public RouteMatch match() {
        return match;
    }

    /** The integration request after parameter mappings and the request template. */
    public IntegrationRequest integrationRequest() {
        return integrationRequest;
    }

    /** What the endpoint answered, before integration responses. */
    public EndpointResponse endpoint() {
        return endpoint;
    }

    /** The method response: the integration response's status, parameters and template applied. */
    public OutgoingResponse methodResponse() {
        return methodResponse;
    }

    /** The gateway error that ended the request, with its {@link GatewayException#logDetail()}; null when none. */
    public GatewayException error() {
        return error;
    }

    /** The answer the caller gets, request ids included. */
    public OutgoingResponse answer() {
        return answer;
    }
}
