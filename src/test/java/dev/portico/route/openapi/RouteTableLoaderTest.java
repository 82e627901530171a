package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.errors.GatewayResponseType;
import dev.portico.route.ContentHandling;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.MethodParameter;
import dev.portico.route.MethodParameter.Location;
import dev.portico.route.PassthroughBehavior;
import dev.portico.route.RequestValidator;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.TestTemplates.SourceTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableLoaderTest {
    private final RouteTableLoader loader = new RouteTableLoader(TestTemplates.COMPILER);

    @Test
    void openApi3JsonRoutesInFileOrder() {
        RouteTable table = load("petstore-openapi3.json");
        assertEquals(List.of("GET /", "POST /pets", "GET /pets/{id}", "ANY /pets/{id}"),
                table.routes().stream().map(Route::name).toList());
        assertEquals("petstore-openapi3.json", table.source());
        assertEquals("GET /pets/{id}", table.match("GET", "/pets/7").orElseThrow().route().name());
        assertEquals("ANY /pets/{id}", table.match("PUT", "/pets/7").orElseThrow().route().name());
        assertEquals("GET /", table.match("GET", "/").orElseThrow().route().name());
    }

    @Test
    void allIntegrationFields() {
        Route route = route(load("petstore-openapi3.json"), "POST /pets");
        assertEquals("createPet", route.operationId());
        IntegrationDefinition integration = route.integration();
        assertEquals(IntegrationType.HTTP, integration.type());
        assertEquals("https://${stageVariables.backend}.example.com/pets?source={source}", integration.uri());
        assertEquals("POST", integration.httpMethod());
        assertEquals(Map.of("integration.request.header.X-Source", "'portico'",
                        "integration.request.path.source", "method.request.querystring.source"),
                integration.requestParameters());
        assertEquals(List.of("application/json", "application/xml"), List.copyOf(integration.requestTemplates().keySet()));
        assertEquals(new SourceTemplate("POST /pets request template application/json", "$input.json('$')"),
                integration.requestTemplates().get("application/json"));
        assertEquals(PassthroughBehavior.NEVER, integration.passthroughBehavior());
        assertEquals(ContentHandling.CONVERT_TO_TEXT, integration.contentHandling());
        assertEquals(5000, integration.timeoutMillis());
        assertEquals("arn:aws:iam::123456789012:role/backend", integration.credentials());
        assertTrue(integration.insecureSkipVerification());
        assertEquals("1.0", integration.payloadFormatVersion());

        IntegrationResponseDefinition created = integration.responses().get(0);
        assertEquals("2\\d{2}", created.key());
        assertTrue(created.selectionPattern().matcher("201").matches());
        assertFalse(created.isDefault());
        assertEquals(201, created.statusCode());
        assertEquals(Map.of("method.response.header.Location", "integration.response.header.Location"),
                created.responseParameters());
        assertEquals("$input.body", created.responseTemplates().get("application/json").source());
        assertEquals(ContentHandling.CONVERT_TO_BINARY, created.contentHandling());
        IntegrationResponseDefinition fallback = integration.responses().get(1);
        assertTrue(fallback.isDefault());
        assertEquals(500, fallback.statusCode());
        assertEquals(ContentHandling.PASSTHROUGH, fallback.contentHandling());
    }

    @Test
    void defaultsAndProxyIntegrations() {
        RouteTable table = load("petstore-openapi3.json");
        IntegrationDefinition mock = route(table, "GET /").integration();
        assertEquals(IntegrationType.MOCK, mock.type());
        assertNull(mock.uri());
        assertEquals(PassthroughBehavior.WHEN_NO_MATCH, mock.passthroughBehavior());
        assertEquals(ContentHandling.PASSTHROUGH, mock.contentHandling());
        assertEquals(IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS, mock.timeoutMillis());
        assertFalse(mock.insecureSkipVerification());
        assertNull(mock.credentials());

        IntegrationDefinition lambda = route(table, "GET /pets/{id}").integration();
        assertEquals(IntegrationType.AWS_PROXY, lambda.type());
        assertEquals("2.0", lambda.payloadFormatVersion());
        assertEquals(List.of(), lambda.responses());

        IntegrationDefinition proxy = route(table, "ANY /pets/{id}").integration();
        assertEquals(IntegrationType.HTTP_PROXY, proxy.type());
        assertNull(proxy.httpMethod(), "ANY means the request's own method");
    }

    @Test
    void parametersMergePathLevelAndOperationLevel() {
        Route route = route(load("petstore-openapi3.json"), "GET /pets/{id}");
        assertEquals(List.of(new MethodParameter(Location.PATH, "id", true),
                        new MethodParameter(Location.HEADER, "trace", true),
                        new MethodParameter(Location.QUERY, "verbose", false)),
                route.parameters());
    }

    @Test
    void validatorsWithDefaultOverrideAndResolvedSchema() {
        RouteTable table = load("petstore-openapi3.json");
        RequestValidator all = route(table, "POST /pets").validator();
        assertTrue(all.validateRequestBody());
        assertTrue(all.validateRequestParameters());
        assertEquals("object", all.bodySchema().path("type").asText());
        assertEquals("name", all.bodySchema().path("required").get(0).asText());
        assertEquals("string", all.bodySchema().at("/properties/owner/properties/email/type").asText(),
                "nested $ref resolved");

        RequestValidator apiDefault = route(table, "GET /pets/{id}").validator();
        assertFalse(apiDefault.validateRequestBody());
        assertTrue(apiDefault.validateRequestParameters());
        assertNull(apiDefault.bodySchema());

        assertNull(route(table, "ANY /pets/{id}").validator(), "an explicit null turns the API default off");
    }

    @Test
    void gatewayResponsesAndBinaryMediaTypes() {
        RouteTable table = load("petstore-openapi3.json");
        assertEquals(List.of("image/png", "*/*"), table.binaryMediaTypes());
        Map<GatewayResponseType, GatewayResponseDefinition> custom = table.gatewayResponses();
        assertEquals(2, custom.size());
        GatewayResponseDefinition fourxx = custom.get(GatewayResponseType.DEFAULT_4XX);
        assertNull(fourxx.statusCode());
        assertEquals(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"), fourxx.responseParameters());
        assertEquals("{\"message\":$context.error.messageString}",
                fourxx.responseTemplates().get("application/json").source());
        assertEquals(404, custom.get(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN).statusCode());
    }

    @Test
    void openApi3Yaml() {
        RouteTable table = load("petstore-openapi3.yaml");
        assertEquals(List.of("GET /pets", "ANY /pets/{id}"), table.routes().stream().map(Route::name).toList());
        assertEquals(1000, route(table, "GET /pets").integration().timeoutMillis());
        IntegrationDefinition mock = route(table, "ANY /pets/{id}").integration();
        assertEquals(PassthroughBehavior.WHEN_NO_TEMPLATES, mock.passthroughBehavior());
        assertEquals(200, mock.responses().get(0).statusCode());
        assertEquals("{\"id\": \"$input.params('id')\"}",
                mock.responses().get(0).responseTemplates().get("application/json").source());
        assertEquals(List.of("image/png"), table.binaryMediaTypes());
        assertTrue(table.gatewayResponses().isEmpty());
        assertNull(route(table, "GET /pets").validator());
        assertEquals(Map.of("id", "3"), table.match("DELETE", "/pets/3").orElseThrow().pathParameters());
    }

    @Test
    void swagger2Yaml() {
        RouteTable table = load("orders-swagger2.yaml");
        Route post = route(table, "POST /orders");
        assertEquals(IntegrationType.AWS, post.integration().type());
        assertEquals("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", post.integration().uri());
        assertEquals(List.of(new MethodParameter(Location.HEADER, "X-Tenant", true)), post.parameters());
        assertTrue(post.validator().validateRequestBody());
        assertFalse(post.validator().validateRequestParameters());
        assertEquals("sku", post.validator().bodySchema().path("required").get(0).asText());
        assertEquals("string", post.validator().bodySchema().at("/properties/sku/type").asText());

        assertEquals(Map.of("proxy", "42/items"),
                table.match("GET", "/orders/42/items").orElseThrow().pathParameters());
        assertEquals(IntegrationType.HTTP_PROXY, route(table, "ANY /orders/{proxy+}").integration().type());
    }

    private RouteTable load(String resource) {
        try (InputStream in = getClass().getResourceAsStream("/routes/" + resource)) {
            return loader.load(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Route route(RouteTable table, String name) {
        return table.routes().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + name));
    }
}
