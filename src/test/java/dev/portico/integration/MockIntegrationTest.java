package dev.portico.integration;

import static dev.portico.mapping.MappingFixtures.invocation;
import static dev.portico.mapping.MappingFixtures.mock;
import static dev.portico.mapping.MappingFixtures.ordered;
import static dev.portico.mapping.MappingFixtures.request;
import static dev.portico.mapping.MappingFixtures.response;
import static dev.portico.mapping.MappingFixtures.route;
import static dev.portico.mapping.MappingFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.mapping.MappingFixtures.FunctionTemplate;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.PassthroughBehavior;
import dev.portico.template.MappingTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockIntegrationTest {
    private final MockIntegration mock = new MockIntegration();

    private OutgoingResponse call(IntegrationDefinition integration, String method, Headers headers, String body) {
        var route = route(method, "/things", integration);
        return Stages.run(mock, invocation(route, Map.of(), request(method, "/things", Map.of(), headers, body)));
    }

    private static String body(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void statusFromTheRequestTemplateSelectsTheIntegrationResponse() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 404}")),
                PassthroughBehavior.WHEN_NO_MATCH,
                response("4\\d{2}", 404, Map.of(), Map.of("application/json", text("{\"message\":\"gone\"}"))),
                response("default", 200, Map.of(), Map.of("application/json", text("{\"ok\":true}"))));

        OutgoingResponse answer = call(integration, "GET", new Headers(), null);

        assertEquals(404, answer.status());
        assertEquals("{\"message\":\"gone\"}", body(answer));
        assertEquals("application/json", answer.headers().last("Content-Type"));
    }

    @Test
    void noMatchingPatternFallsBackToTheDefaultResponse() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_MATCH,
                response("4\\d{2}", 404, Map.of(), Map.of()),
                response("default", 200, Map.of(), Map.of("application/json", text("fine"))));

        assertEquals("fine", body(call(integration, "GET", new Headers(), null)));
    }

    @Test
    void aPatternMustMatchTheWholeStatus() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_MATCH,
                response("20", 500, Map.of(), Map.of()),
                response("default", 200, Map.of(), Map.of()));

        assertEquals(200, call(integration, "GET", new Headers(), null).status());
    }

    @Test
    void staticResponseParametersBecomeHeaders() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_MATCH,
                response("default", 200, ordered(
                        "method.response.header.Access-Control-Allow-Origin", "'*'",
                        "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'"),
                        Map.of("application/json", text("{}"))));

        OutgoingResponse answer = call(integration, "OPTIONS", new Headers(), null);

        assertEquals("*", answer.headers().last("Access-Control-Allow-Origin"));
        assertEquals("GET,OPTIONS", answer.headers().last("Access-Control-Allow-Methods"));
        assertEquals("{}", body(answer));
    }

    @Test
    void noResponseTemplateGivesAnEmptyBody() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_MATCH, response("default", 204, Map.of(), Map.of()));

        OutgoingResponse answer = call(integration, "GET", new Headers(), null);

        assertEquals(204, answer.status());
        assertEquals("", body(answer));
    }

    @Test
    void responseTemplateFollowsTheAcceptHeader() {
        Map<String, MappingTemplate> templates = ordered(
                "application/json", text("{\"format\":\"json\"}"),
                "application/xml", text("<format>xml</format>"));
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_MATCH, response("default", 200, Map.of(), templates));

        OutgoingResponse xml = call(integration, "GET", new Headers().set("Accept", "application/xml"), null);
        OutgoingResponse other = call(integration, "GET", new Headers().set("Accept", "text/csv"), null);

        assertEquals("<format>xml</format>", body(xml));
        assertEquals("application/xml", xml.headers().last("Content-Type"));
        assertEquals("{\"format\":\"json\"}", body(other));
    }

    @Test
    void neverRejectsAContentTypeWithoutTemplate() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.NEVER, response("default", 200, Map.of(), Map.of()));

        GatewayException error = assertThrows(GatewayException.class,
                () -> call(integration, "POST", new Headers().set("Content-Type", "application/xml"), "<a/>"));

        assertEquals(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, error.type());
        assertEquals(415, error.status());
    }

    @Test
    void whenNoTemplatesRejectsOnlyWhenTemplatesExist() {
        IntegrationDefinition withTemplates = mock(Map.of("application/json", text("{\"statusCode\": 200}")),
                PassthroughBehavior.WHEN_NO_TEMPLATES, response("default", 200, Map.of(), Map.of()));
        IntegrationDefinition withoutTemplates = mock(Map.of(), PassthroughBehavior.WHEN_NO_TEMPLATES,
                response("2\\d{2}", 201, Map.of(), Map.of()), response("default", 500, Map.of(), Map.of()));
        Headers xml = new Headers().set("Content-Type", "application/xml");

        assertThrows(GatewayException.class, () -> call(withTemplates, "POST", xml, "<a/>"));
        // Passed through, the request body itself is the mock's integration request.
        assertEquals(201, call(withoutTemplates, "POST", new Headers().set("Content-Type", "application/json"),
                "{\"statusCode\": 202}").status());
    }

    @Test
    void requestWithoutContentTypeUsesTheJsonTemplate() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 201}")),
                PassthroughBehavior.NEVER, response("201", 201, Map.of(), Map.of()), response("default", 200, Map.of(), Map.of()));

        assertEquals(201, call(integration, "POST", new Headers(), "{}").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void responseOverrideWrittenInTheRequestTemplateWins() {
        MappingTemplate writesOverrides = new FunctionTemplate("overrides", input -> {
            Map<String, Object> override = (Map<String, Object>) input.context().get("responseOverride");
            override.put("status", 444);
            ((Map<String, Object>) override.get("header")).put("foo", "bar");
            return "{\"statusCode\": 200}";
        });
        IntegrationDefinition integration = mock(Map.of("application/json", writesOverrides),
                PassthroughBehavior.WHEN_NO_MATCH, response("2\\d{2}", 200, Map.of(), Map.of()));

        OutgoingResponse answer = call(integration, "GET", new Headers(), null);

        assertEquals(444, answer.status());
        assertEquals("bar", answer.headers().last("foo"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListInAHeaderOverrideIsOneHeaderValuePerElement() {
        MappingTemplate writesOverrides = new FunctionTemplate("overrides", input -> {
            Map<String, Object> override = (Map<String, Object>) input.context().get("responseOverride");
            ((Map<String, Object>) override.get("header")).put("X-Multi", new java.util.ArrayList<>(List.of("a", "b")));
            return "{\"statusCode\": 200}";
        });
        IntegrationDefinition integration = mock(Map.of("application/json", writesOverrides),
                PassthroughBehavior.WHEN_NO_MATCH, response("2\\d{2}", 200, Map.of(), Map.of()));

        OutgoingResponse answer = call(integration, "GET", new Headers(), null);

        assertEquals(List.of("a", "b"), answer.headers().all("X-Multi"));
    }

    @Test
    void anEmptyResponseTemplatePassesTheBodyThroughAndAnEmptyRequestTemplateIsNoMatch() {
        IntegrationDefinition never = mock(Map.of("application/json", text("")), PassthroughBehavior.NEVER,
                response("default", 200, Map.of(), Map.of()));
        assertEquals(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(GatewayException.class, () -> call(never, "POST", new Headers(), "{}")).type());

        IntegrationDefinition passes = mock(Map.of("application/json", text("")), PassthroughBehavior.WHEN_NO_MATCH,
                response("default", 200, Map.of(), Map.of("application/json", text(""))));
        // the request body passes through as the MOCK's input: no body, so the default 200
        OutgoingResponse answer = call(passes, "POST", new Headers(), null);
        assertEquals(200, answer.status());
        assertEquals("", body(answer), "a MOCK's integration body is empty, and an empty template leaves it so");
    }

    @Test
    void noMatchingResponseAndNoDefaultIsAConfigurationError() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"statusCode\": 500}")),
                PassthroughBehavior.WHEN_NO_MATCH, response("2\\d{2}", 200, Map.of(), Map.of()));

        GatewayException error = assertThrows(GatewayException.class, () -> call(integration, "GET", new Headers(), null));

        assertEquals(500, error.status());
        assertEquals("Internal server error", error.getMessage());
    }

    @Test
    void templateWithoutStatusCodeIsAConfigurationError() {
        IntegrationDefinition integration = mock(Map.of("application/json", text("{\"hello\": 1}")),
                PassthroughBehavior.WHEN_NO_MATCH, response("default", 200, Map.of(), Map.of()));

        assertEquals(GatewayResponseType.API_CONFIGURATION_ERROR,
                assertThrows(GatewayException.class, () -> call(integration, "GET", new Headers(), null)).type());
    }
}
