package dev.portico.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MOCK: no backend. The request template yields {@code {"statusCode": N}}; that status selects the
 * integration response, whose parameters and template make the answer (the integration body is empty).
 */
public final class MockIntegration implements Integration {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway reads the status even from loose, not-quite-JSON template output. */
    private static final Pattern LOOSE_STATUS = Pattern.compile("\"?statusCode\"?\\s*:\\s*\"?(\\d{3})");

    @Override
    public IntegrationType type() {
        return IntegrationType.MOCK;
    }

    @Override
    public EndpointResponse invoke(IntegrationRequest request, Invocation invocation) {
        int status = statusOf(new String(request.body(), StandardCharsets.UTF_8), invocation);
        return new EndpointResponse(status, Headers.empty(), OutgoingResponse.NO_BODY, null);
    }

    private static int statusOf(String body, Invocation invocation) {
        if (body.isBlank()) {
            return 200;
        }
        try {
            JsonNode status = JSON.readTree(body).path("statusCode");
            if (status.canConvertToInt() || status.isTextual() && status.asText().matches("\\d{3}")) {
                return status.asInt();
            }
        } catch (IOException e) {
            // not strict JSON: fall through to the loose reading
        }
        Matcher loose = LOOSE_STATUS.matcher(body);
        if (loose.find()) {
            return Integer.parseInt(loose.group(1));
        }
        throw GatewayException.configurationError(invocation.route().name()
                + ": the MOCK request template gave no statusCode");
    }
}
