package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.integration.Integration;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.IntegrationType;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code Throwable} a request raises, an {@code Error} included, is answered with the gateway's 500 and the
 * next request is served: in a native image a missing registration is a {@code MissingReflectionRegistrationError}
 * (a {@code LinkageError}), which must not end the runtime's polling thread (issue 21).
 */
class ErrorsAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the failing stage throws; null means it answers normally. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    static List<Throwable> failures() {
        return List.of(new NoClassDefFoundError("org/example/Gone"), new LinkageError("missing registration"),
                new ExceptionInInitializerError("static init"), new AssertionError("unexpected"),
                new OutOfMemoryError("Java heap space"), new StackOverflowError(), new InternalError("vm"),
                new Exception("a checked exception thrown sneakily"), new IllegalStateException("runtime"));
    }

    private final Integration mock = new Integration() {
        @Override
        public IntegrationType type() {
            return IntegrationType.MOCK;
        }

        @Override
        public EndpointResponse invoke(IntegrationRequest request, Invocation invocation) {
            Throwable t = failure.get();
            if (t != null) {
                ErrorsAnswerTest.<RuntimeException>sneaky(t);
            }
            return new EndpointResponse(200, new dev.portico.event.Headers().freeze(),
                    "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), null);
        }
    };

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static RouteTable table() {
        String table = """
                {"openapi": "3.0.1", "info": {"title": "errors", "version": "1"}, "paths": {"/thing": {"get": {
                  "responses": {"200": {"description": "ok"}},
                  "x-amazon-apigateway-integration": {"type": "mock",
                    "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                    "responses": {"default": {"statusCode": "200"}}}}}}}
                """;
        return RouteTables.loader().load("errors.json", table.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] event() {
        return """
                {"resource":"/thing","path":"/thing","httpMethod":"GET","headers":{},"multiValueHeaders":{},
                 "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,
                 "stageVariables":null,"requestContext":{"resourcePath":"/thing","httpMethod":"GET",
                 "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","stage":"prod","identity":{"sourceIp":"198.51.100.7"},
                 "path":"/prod/thing"},"body":null,"isBase64Encoded":false}
                """.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode answer(Portico portico) throws Exception {
        return JSON.readTree(portico.handle(event()));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void anIntegrationsErrorIsTheGateways500AndTheNextRequestIsServed(Throwable thrown) throws Exception {
        RouteTable table = table();
        Portico portico = new Portico(() -> table, Map.of(IntegrationType.MOCK, mock), PorticoSettings.defaults());
        failure.set(thrown);
        JsonNode failed = answer(portico);
        assertEquals(500, failed.get("statusCode").asInt(), failed.toString());
        assertEquals("{\"message\": \"Internal server error\"}", failed.get("body").asText());
        assertFalse(failed.toString().contains(thrown.getClass().getName()), "no error class in the answer");
        failure.set(null);
        JsonNode next = answer(portico);
        assertEquals(200, next.get("statusCode").asInt(), next.toString());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void anErrorBeforeRoutingIsThe500TooAndTheNextRequestIsServed(Throwable thrown) throws Exception {
        RouteTable table = table();
        Supplier<RouteTable> routes = () -> {
            Throwable t = failure.get();
            if (t != null) {
                ErrorsAnswerTest.<RuntimeException>sneaky(t);
            }
            return table;
        };
        Portico portico = new Portico(routes, Map.of(IntegrationType.MOCK, mock), PorticoSettings.defaults());
        failure.set(thrown);
        JsonNode failed = answer(portico);
        assertEquals(500, failed.get("statusCode").asInt(), failed.toString());
        assertFalse(failed.toString().contains(thrown.getClass().getName()), "no error class in the answer");
        failure.set(null);
        assertEquals(200, answer(portico).get("statusCode").asInt());
    }
}
