package dev.portico.mapping;

import dev.portico.invocation.EndpointResponse;
import dev.portico.route.IntegrationResponseDefinition;
import java.util.List;

/**
 * Picks the integration response: the first whose {@code selectionPattern} matches the whole status code
 * (HTTP, AWS, MOCK) or, for a Lambda error, the whole {@code errorMessage}; else the default one.
 */
public final class ResponseSelection {
    private ResponseSelection() {}

    /** @return the chosen response, or null when none matches and none is the default */
    public static IntegrationResponseDefinition select(List<IntegrationResponseDefinition> responses,
                                                       EndpointResponse endpoint) {
        String subject = endpoint.errorMessage() != null ? endpoint.errorMessage() : Integer.toString(endpoint.status());
        IntegrationResponseDefinition fallback = null;
        for (IntegrationResponseDefinition response : responses) {
            if (response.isDefault()) {
                if (fallback == null) fallback = response;
            } else if (response.selectionPattern().matcher(subject).matches()) {
                return response;
            }
        }
        return fallback;
    }
}
