package dev.portico.integration;

import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.Invocation;
import dev.portico.mapping.IntegrationRequestMapping;
import dev.portico.mapping.IntegrationResponseMapping;

/** The stages the gateway runs around an integration, for tests that call one integration directly. */
public final class Stages {
    private Stages() {}

    /** Integration request, the integration's call, integration response: the gateway's order. */
    public static OutgoingResponse run(Integration integration, Invocation invocation) {
        return IntegrationResponseMapping.of(integration.invoke(IntegrationRequestMapping.of(invocation), invocation),
                invocation);
    }
}
