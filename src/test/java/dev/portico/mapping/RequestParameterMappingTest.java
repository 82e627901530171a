package dev.portico.mapping;

import static dev.portico.mapping.MappingFixtures.integration;
import static dev.portico.mapping.MappingFixtures.invocation;
import static dev.portico.mapping.MappingFixtures.ordered;
import static dev.portico.mapping.MappingFixtures.request;
import static dev.portico.mapping.MappingFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;
import dev.portico.route.PassthroughBehavior;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParameterMappingTest {

    private static Invocation invocation(IntegrationType type, Map<String, String> mappings) {
        var route = route("POST", "/orders/{orderId}",
                integration(type, "https://backend.example/{id}", mappings, Map.of(), PassthroughBehavior.WHEN_NO_MATCH));
        Headers headers = new Headers().add("X-Tenant", "acme").add("X-Tag", "a").add("X-Tag", "b");
        Map<String, List<String>> query = Map.of("page", List.of("1", "2"), "sort", List.of("name"));
        return MappingFixtures.invocation(route, Map.of("orderId", "o-17"),
                request("POST", "/orders/o-17", query, headers, "{\"customer\":{\"id\":\"c-9\"},\"items\":[1,2]}"));
    }

    @Test
    void everySourceKindResolves() {
        Map<String, String> mappings = ordered(
                "integration.request.path.id", "method.request.path.orderId",
                "integration.request.querystring.page", "method.request.querystring.page",
                "integration.request.querystring.pages", "method.request.multivaluequerystring.page",
                "integration.request.header.X-Tenant", "method.request.header.x-tenant",
                "integration.request.header.X-Tags", "method.request.multivalueheader.X-Tag",
                "integration.request.header.X-Customer", "method.request.body.customer.id",
                "integration.request.header.X-Stage", "context.stage",
                "integration.request.header.X-Backend", "stageVariables.backend",
                "integration.request.header.X-Static", "'fixed value'");

        Invocation invocation = invocation(IntegrationType.HTTP, mappings);
        MappedParameters mapped = RequestParameterMapping.apply(mappings, IntegrationType.HTTP, invocation);

        assertEquals(Map.of("id", "o-17"), mapped.path());
        assertEquals(List.of("2"), mapped.query().get("page"), "querystring keeps the last value");
        assertEquals(List.of("1", "2"), mapped.query().get("pages"), "multivaluequerystring keeps every value");
        assertEquals("acme", mapped.headers().get("X-Tenant"));
        assertEquals("a,b", mapped.headers().get("X-Tags"));
        assertEquals("c-9", mapped.headers().get("X-Customer"));
        assertEquals("prod", mapped.headers().get("X-Stage"));
        assertEquals("https://backend.example", mapped.headers().get("X-Backend"));
        assertEquals("fixed value", mapped.headers().get("X-Static"));
    }

    @Test
    void aMappingWhoseSourceIsAbsentIsDropped() {
        Map<String, String> mappings = Map.of("integration.request.querystring.q", "method.request.header.missing");

        MappedParameters mapped = RequestParameterMapping.apply(mappings, IntegrationType.HTTP,
                invocation(IntegrationType.HTTP, mappings));

        assertFalse(mapped.query().containsKey("q"));
    }

    @ParameterizedTest
    @CsvSource({
            "HTTP, Content-Length, true", "HTTP_PROXY, Transfer-Encoding, true", "MOCK, content-length, true",
            "AWS, Authorization, true", "AWS_PROXY, Connection, true", "AWS, Expect, true", "AWS, TE, true",
            "AWS, Proxy-Authenticate, true", "HTTP, Authorization, false", "HTTP_PROXY, Expect, false"})
    void forbiddenIntegrationHeadersFailTheCall(IntegrationType type, String header, boolean forbidden) {
        Map<String, String> mappings = Map.of("integration.request.header." + header, "'x'");
        Invocation invocation = invocation(type, mappings);

        if (forbidden) {
            GatewayException error = assertThrows(GatewayException.class,
                    () -> RequestParameterMapping.apply(mappings, type, invocation));
            assertEquals(500, error.status());
            assertEquals("InternalServerErrorException", error.errorType());
        } else {
            assertEquals("x", RequestParameterMapping.apply(mappings, type, invocation).headers().get(header));
        }
    }
}
