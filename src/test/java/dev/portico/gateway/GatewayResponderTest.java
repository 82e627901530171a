package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.mapping.MappingFixtures;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.PassthroughBehavior;
import dev.portico.route.Route;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayResponderTest {

    private static String body(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A request for an unrouted path against a table with these customisations. */
    private static Invocation unrouted(Map<GatewayResponseType, GatewayResponseDefinition> customisations) {
        Route route = MappingFixtures.route("GET", "/known", MappingFixtures.mock(Map.of(), PassthroughBehavior.WHEN_NO_MATCH));
        RouteTable table = new RouteTable("test", new RouteMatcher(List.of(route)), customisations, List.of());
        Headers headers = new Headers().add("x-request-id", "r-1");
        return new Invocation(MappingFixtures.request("GET", "/unknown", Map.of(), headers, null), null, table,
                PorticoSettings.defaults());
    }

    @Test
    void missingAuthenticationTokenIsApiGatewaysOwnAnswer() {
        OutgoingResponse answer = GatewayResponder.render(GatewayException.missingAuthenticationToken("no route"), null, null);

        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", body(answer));
        assertEquals("MissingAuthenticationTokenException", answer.headers().last("x-amzn-ErrorType"));
        assertEquals("application/json", answer.headers().last("Content-Type"));
    }

    @Test
    void internalServerErrorHasTheRecordedSpacing() {
        OutgoingResponse answer = GatewayResponder.render(GatewayException.configurationError("forbidden header"), null, null);

        assertEquals(500, answer.status());
        assertEquals("{\"message\": \"Internal server error\"}", body(answer));
        assertEquals(36, answer.body().length);
        assertEquals("InternalServerErrorException", answer.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void timeoutIs504WithoutErrorTypeHeader() {
        OutgoingResponse answer = GatewayResponder.render(GatewayException.integrationTimeout("slow"), null, null);

        assertEquals(504, answer.status());
        assertEquals("{\"message\":\"Endpoint request timed out\"}", body(answer));
        assertNull(answer.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void aCustomisationChangesStatusHeadersAndBody() {
        var custom = new GatewayResponseDefinition(404,
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'",
                        "gatewayresponse.header.X-Request-Id", "method.request.header.x-request-id"),
                Map.of("application/json", MappingFixtures.text("{\"error\":\"not here\"}")));
        Invocation invocation = unrouted(Map.of(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, custom));

        OutgoingResponse answer = GatewayResponder.answer(GatewayException.missingAuthenticationToken("no route"),
                invocation.request(), invocation);

        assertEquals(404, answer.status());
        assertEquals("*", answer.headers().last("Access-Control-Allow-Origin"));
        assertEquals("r-1", answer.headers().last("X-Request-Id"));
        assertEquals("{\"error\":\"not here\"}", body(answer));
        assertEquals("MISSING_AUTHENTICATION_TOKEN", ((Map<?, ?>) invocation.context().get("error")).get("responseType"));
    }

    @Test
    void default4xxAppliesToTypesWithoutTheirOwnCustomisation() {
        var cors = new GatewayResponseDefinition(null,
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"), Map.of());
        Invocation invocation = unrouted(Map.of(GatewayResponseType.DEFAULT_4XX, cors));

        OutgoingResponse notFound = GatewayResponder.answer(GatewayException.missingAuthenticationToken("x"),
                invocation.request(), invocation);
        OutgoingResponse timeout = GatewayResponder.answer(GatewayException.integrationTimeout("x"),
                invocation.request(), invocation);

        assertEquals(403, notFound.status());
        assertEquals("*", notFound.headers().last("Access-Control-Allow-Origin"));
        assertEquals("{\"message\":\"Missing Authentication Token\"}", body(notFound));
        assertNull(timeout.headers().last("Access-Control-Allow-Origin"), "a 5xx is not a DEFAULT_4XX");
    }

    @Test
    void everyTypeWithAStatusHasTheOneFromAwsTable() {
        // AWS's "Gateway response types for API Gateway" page; the DEFAULT types take the error's own status.
        Map<GatewayResponseType, Integer> documented = Map.ofEntries(
                Map.entry(GatewayResponseType.ACCESS_DENIED, 403), Map.entry(GatewayResponseType.API_CONFIGURATION_ERROR, 500),
                Map.entry(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, 500),
                Map.entry(GatewayResponseType.AUTHORIZER_FAILURE, 500), Map.entry(GatewayResponseType.BAD_REQUEST_PARAMETERS, 400),
                Map.entry(GatewayResponseType.BAD_REQUEST_BODY, 400), Map.entry(GatewayResponseType.EXPIRED_TOKEN, 403),
                Map.entry(GatewayResponseType.INTEGRATION_FAILURE, 504), Map.entry(GatewayResponseType.INTEGRATION_TIMEOUT, 504),
                Map.entry(GatewayResponseType.INVALID_API_KEY, 403), Map.entry(GatewayResponseType.INVALID_SIGNATURE, 403),
                Map.entry(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, 403), Map.entry(GatewayResponseType.QUOTA_EXCEEDED, 429),
                Map.entry(GatewayResponseType.REQUEST_TOO_LARGE, 413), Map.entry(GatewayResponseType.RESOURCE_NOT_FOUND, 404),
                Map.entry(GatewayResponseType.THROTTLED, 429), Map.entry(GatewayResponseType.UNAUTHORIZED, 401),
                Map.entry(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, 415), Map.entry(GatewayResponseType.WAF_FILTERED, 403));
        for (GatewayResponseType type : GatewayResponseType.values()) {
            assertEquals(documented.getOrDefault(type, 0), type.defaultStatus(), type.name());
        }
    }

    @Test
    void messageStringIsAJsonLiteral() {
        assertEquals("\"say \\\"hi\\\"\\n\"", GatewayException.badRequest("say \"hi\"\n", "x").messageString());
    }
}
