package dev.portico.integration;

import dev.portico.Invocation;
import dev.portico.event.OutgoingResponse;
import dev.portico.route.IntegrationType;

/**
 * One integration type. Given a matched request, it produces the answer for the client, or throws a
 * {@link dev.portico.errors.GatewayException}. It never knows which caller format the request came in.
 */
public interface Integration {

    IntegrationType type();

    OutgoingResponse invoke(Invocation invocation);
}
