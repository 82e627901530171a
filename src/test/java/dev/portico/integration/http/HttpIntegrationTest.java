package dev.portico.integration.http;

import static dev.portico.integration.http.Fixtures.headers;
import static dev.portico.integration.http.Fixtures.http;
import static dev.portico.integration.http.Fixtures.invocation;
import static dev.portico.integration.http.Fixtures.request;
import static dev.portico.integration.http.Fixtures.response;
import static dev.portico.integration.http.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.integration.Stages;
import dev.portico.integration.http.Fixtures.StaticTemplate;
import dev.portico.route.ContentHandling;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.PassthroughBehavior;
import dev.portico.template.MappingTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpIntegrationTest {
    private static final VertxBackendClient CLIENT = new VertxBackendClient();
    private static final HttpIntegration HTTP = new HttpIntegration(CLIENT);
    private final TestBackend backend = new TestBackend();

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @AfterAll
    static void stopClient() {
        CLIENT.close();
    }

    private static Map<String, MappingTemplate> json(String template) {
        return Map.of("application/json", new StaticTemplate(template));
    }

    @Test
    void sendsOnlyMappedHeadersAndQueryWithTheRenderedBody() {
        backend.answer(200, headers("Content-Type", "application/json"), utf8("{\"backend\":true}"));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("integration.request.header.X-Tenant", "method.request.header.tenant");
        parameters.put("integration.request.querystring.ids", "method.request.multivaluequerystring.id");
        parameters.put("integration.request.path.item", "method.request.path.item");
        IntegrationDefinition integration = http(backend.url() + "/items/{item}?v=1", "POST", parameters,
                json("{\"rendered\":true}"), List.of(response(null, 200, Map.of(), json("{\"answer\":\"static\"}"))));
        Headers clientHeaders = new Headers().add("Content-Type", "application/json").add("tenant", "acme")
                .add("X-Secret", "not for the backend").add("Cookie", "session=1");

        OutgoingResponse answer = Stages.run(HTTP, invocation("/things/{item}", integration,
                request("GET", "/things/7", Map.of("id", List.of("1", "2")), clientHeaders, utf8("{\"client\":1}")),
                Map.of("item", "7")));

        TestBackend.Received got = backend.last();
        assertEquals("POST", got.method());
        assertEquals("/items/7", got.rawPath());
        assertEquals("v=1&ids=1&ids=2", got.rawQuery());
        assertEquals("{\"rendered\":true}", new String(got.body()));
        assertEquals("application/json", got.headers().last("Content-Type"));
        assertEquals("acme", got.headers().last("X-Tenant"));
        assertFalse(got.headers().contains("X-Secret"));
        assertFalse(got.headers().contains("Cookie"));
        assertFalse(got.headers().contains("tenant"));

        assertEquals(200, answer.status());
        assertEquals("{\"answer\":\"static\"}", new String(answer.body()));
        assertEquals("application/json", answer.headers().last("Content-Type"));
        assertFalse(answer.binary());
    }

    @Test
    void selectsTheIntegrationResponseByBackendStatus() {
        backend.answer(400, headers("Content-Type", "application/json", "X-Reason", "bad-input"),
                utf8("{\"error\":\"bad\"}"));
        IntegrationDefinition integration = http(backend.url(), "GET", Map.of(), Map.of(), List.of(
                response(null, 200, Map.of(), json("{\"ok\":true}")),
                response("4\\d{2}", 422, Map.of("method.response.header.X-Why", "integration.response.header.X-Reason"),
                        json("{\"failed\":true}"))));

        OutgoingResponse answer = Stages.run(HTTP, invocation("/", integration, Fixtures.get("/"), Map.of()));

        assertEquals(422, answer.status());
        assertEquals("{\"failed\":true}", new String(answer.body()));
        assertEquals("bad-input", answer.headers().last("X-Why"));
    }

    /** The recorded http-backend-400-status case: only a default response turns every status into its own. */
    @Test
    void onlyADefaultResponseTurnsA400Into200() {
        backend.answer(400, headers("Content-Type", "application/json"), utf8("{\"message\": \"\", \"status_code\": 400}"));
        IntegrationDefinition integration = http(backend.url() + "/{map}", "POST",
                Map.of("integration.request.path.map", "method.request.path.map"), Map.of(),
                List.of(response(null, 200, Map.of(), Map.of())));

        OutgoingResponse answer = Stages.run(HTTP, invocation("/{map+}", integration,
                request("POST", "/status/400", Map.of(), new Headers(), new byte[0]), Map.of("map", "status/400")));

        assertEquals(200, answer.status());
        assertEquals("{\"message\": \"\", \"status_code\": 400}", new String(answer.body()));
        assertEquals("/status/400", backend.last().rawPath());
    }

    @Test
    void passesTheBodyThroughWithoutTemplates() {
        backend.answer(exchange -> TestBackend.reply(exchange, 200, headers("Content-Type", "application/json"),
                exchange.getRequestURI().getRawQuery() == null ? utf8("{\"echo\":true}") : utf8("{}")));
        IntegrationDefinition integration = http(backend.url(), "POST", Map.of(), Map.of(),
                List.of(response(null, 200, Map.of(), Map.of())));
        Headers clientHeaders = new Headers().add("Content-Type", "application/json");

        OutgoingResponse answer = Stages.run(HTTP, invocation("/", integration,
                request("POST", "/", Map.of(), clientHeaders, utf8("{\"some\": \"value\"}")), Map.of()));

        assertEquals("{\"some\": \"value\"}", new String(backend.last().body()));
        assertEquals("application/json", backend.last().headers().last("Content-Type"));
        assertEquals("{\"echo\":true}", new String(answer.body()));
    }

    @Test
    void unmatchedStatusWithoutDefaultIsAConfigurationError() {
        backend.answer(500, headers(), utf8("boom"));
        IntegrationDefinition integration = http(backend.url(), "GET", Map.of(), Map.of(),
                List.of(response("2\\d{2}", 200, Map.of(), Map.of())));

        GatewayException e = assertThrows(GatewayException.class,
                () -> Stages.run(HTTP, invocation("/", integration, Fixtures.get("/"), Map.of())));
        assertEquals(GatewayResponseType.API_CONFIGURATION_ERROR, e.type());
    }

    @Test
    void forbiddenMappedHeaderFailsBeforeTheBackendIsCalled() {
        IntegrationDefinition integration = http(backend.url(), "POST",
                Map.of("integration.request.header.Content-Length", "'x'"), Map.of(),
                List.of(response(null, 200, Map.of(), Map.of())));

        GatewayException e = assertThrows(GatewayException.class,
                () -> Stages.run(HTTP, invocation("/", integration, Fixtures.get("/"), Map.of())));
        assertEquals(500, e.status());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void backendTimeoutIs504() {
        backend.answer(exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        IntegrationDefinition slow = new IntegrationDefinition(IntegrationType.HTTP, backend.url(), "GET", Map.of(),
                Map.of(), PassthroughBehavior.WHEN_NO_MATCH, ContentHandling.PASSTHROUGH, 100,
                List.of(response(null, 200, Map.of(), Map.of())), null, false, "1.0");

        GatewayException e = assertThrows(GatewayException.class,
                () -> Stages.run(HTTP, invocation("/", slow, Fixtures.get("/"), Map.of())));
        assertEquals(504, e.status());
        assertEquals(GatewayResponseType.INTEGRATION_TIMEOUT, e.type());
    }
}
