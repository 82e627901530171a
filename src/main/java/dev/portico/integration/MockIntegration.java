package dev.portico.integration;

import dev.portico.Invocation;
import dev.portico.errors.GatewayException;
import dev.portico.event.OutgoingResponse;
import dev.portico.route.IntegrationType;

/** MOCK: the request template yields {@code {"statusCode": N}}; the integration response answers. */
public final class MockIntegration implements Integration {
    @Override
    public IntegrationType type() {
        return IntegrationType.MOCK;
    }

    @Override
    public OutgoingResponse invoke(Invocation invocation) {
        throw GatewayException.integrationFailure("MOCK is not built yet");
    }
}
