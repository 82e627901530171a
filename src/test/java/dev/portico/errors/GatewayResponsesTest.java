package dev.portico.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portico.event.OutgoingResponse;
import dev.portico.mapping.MappingFixtures;
import dev.portico.mapping.TemplateInput;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayResponsesTest {

    private static String body(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void missingAuthenticationTokenIsApiGatewaysOwnAnswer() {
        OutgoingResponse answer = GatewayResponses.defaults()
                .render(GatewayException.missingAuthenticationToken("no route"), null, null);

        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", body(answer));
        assertEquals("MissingAuthenticationTokenException", answer.headers().last("x-amzn-ErrorType"));
        assertEquals("application/json", answer.headers().last("Content-Type"));
    }

    @Test
    void internalServerErrorHasTheRecordedSpacing() {
        OutgoingResponse answer = GatewayResponses.defaults()
                .render(GatewayException.configurationError("forbidden header"), null, null);

        assertEquals(500, answer.status());
        assertEquals("{\"message\": \"Internal server error\"}", body(answer));
        assertEquals(36, answer.body().length);
        assertEquals("InternalServerErrorException", answer.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void timeoutIs504WithoutErrorTypeHeader() {
        OutgoingResponse answer = GatewayResponses.defaults()
                .render(GatewayException.integrationTimeout("slow"), null, null);

        assertEquals(504, answer.status());
        assertEquals("{\"message\":\"Endpoint request timed out\"}", body(answer));
        assertNull(answer.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void aCustomisationChangesStatusHeadersAndBody() {
        var custom = new GatewayResponses.Customisation(404,
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'",
                        "gatewayresponse.header.X-Request-Id", "method.request.header.x-request-id"),
                Map.of("application/json", MappingFixtures.text("{\"error\":\"not here\"}")));
        var responses = new GatewayResponses(Map.of(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, custom));
        TemplateInput input = new TemplateInput("", Map.of(), Map.of(), dev.portico.event.Headers.empty(), Map.of(), Map.of());

        OutgoingResponse answer = responses.render(GatewayException.missingAuthenticationToken("no route"), input,
                expression -> expression.equals("method.request.header.x-request-id") ? "r-1" : null);

        assertEquals(404, answer.status());
        assertEquals("*", answer.headers().last("Access-Control-Allow-Origin"));
        assertEquals("r-1", answer.headers().last("X-Request-Id"));
        assertEquals("{\"error\":\"not here\"}", body(answer));
    }

    @Test
    void default4xxAppliesToTypesWithoutTheirOwnCustomisation() {
        var cors = new GatewayResponses.Customisation(null,
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"), Map.of());
        var responses = new GatewayResponses(Map.of(GatewayResponseType.DEFAULT_4XX, cors));

        OutgoingResponse notFound = responses.render(GatewayException.missingAuthenticationToken("x"), null, null);
        OutgoingResponse timeout = responses.render(GatewayException.integrationTimeout("x"), null, null);

        assertEquals(403, notFound.status());
        assertEquals("*", notFound.headers().last("Access-Control-Allow-Origin"));
        assertEquals("{\"message\":\"Missing Authentication Token\"}", body(notFound));
        assertNull(timeout.headers().last("Access-Control-Allow-Origin"), "a 5xx is not a DEFAULT_4XX");
    }

    @Test
    void messageStringIsAJsonLiteral() {
        assertEquals("\"say \\\"hi\\\"\\n\"", GatewayResponses.jsonString("say \"hi\"\n"));
    }
}
