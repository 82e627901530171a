package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.invocation.EndpointResponse;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.template.Regex;
import java.util.List;

/**
 * Picks the integration response: the first whose {@code selectionPattern} matches the whole status code
 * (HTTP, AWS, MOCK) or, for a Lambda error, the whole {@code errorMessage}; else the default one. The error message
 * is the function's text, so each match is bounded ({@link Regex}): one that cannot finish answers API Gateway's
 * 500 rather than take the function down.
 */
public final class ResponseSelection {
    private ResponseSelection() {}

    /** @return the chosen response, or null when none matches and none is the default */
    public static IntegrationResponseDefinition select(List<IntegrationResponseDefinition> responses,
                                                       EndpointResponse endpoint) {
        String subject = null; // made for the first pattern: many routes have only the default response
        IntegrationResponseDefinition fallback = null;
        for (IntegrationResponseDefinition response : responses) {
            if (response.isDefault()) {
                if (fallback == null) fallback = response;
                continue;
            }
            if (subject == null) {
                subject = endpoint.errorMessage() != null ? endpoint.errorMessage() : Integer.toString(endpoint.status());
            }
            if (matches(response, subject)) {
                return response;
            }
        }
        return fallback;
    }

    private static boolean matches(IntegrationResponseDefinition response, String subject) {
        try {
            return Regex.matches(response.selectionPattern(), subject);
        } catch (Regex.LimitExceeded e) {
            throw GatewayException.configurationError("selectionPattern '" + response.selectionPattern().pattern()
                    + "' against a " + subject.length() + "-character subject: " + e.getMessage());
        }
    }
}
