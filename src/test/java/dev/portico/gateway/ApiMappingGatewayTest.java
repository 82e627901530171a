package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.RouteTableUnavailableException;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two APIs and two stages behind one gateway, chosen by host and base path as API Gateway chooses among a custom
 * domain's API mappings ("Use API mappings to connect API stages to a custom domain name for REST APIs",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html: the longest matching base
 * path wins and is stripped before routing), through every caller's event.
 */
class ApiMappingGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers with what API Gateway's $context says about the request. */
    static final String ORDERS = """
            swagger: '2.0'
            info: {title: orders, version: '1'}
            x-amazon-apigateway-gateway-responses:
              MISSING_AUTHENTICATION_TOKEN:
                statusCode: 404
                responseTemplates:
                  application/json: '{"orders": "no such order route"}'
            paths:
              /:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates:
                          application/json: '{"api": "orders", "path": "$context.path", "resourcePath": "$context.resourcePath", "stage": "$context.stage", "color": "$stageVariables.color", "domainName": "$context.domainName", "domainPrefix": "$context.domainPrefix", "apiId": "$context.apiId", "id": "$input.params(''id'')"}'
              /{id}:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates:
                          application/json: '{"api": "orders", "path": "$context.path", "resourcePath": "$context.resourcePath", "stage": "$context.stage", "color": "$stageVariables.color", "domainName": "$context.domainName", "domainPrefix": "$context.domainPrefix", "apiId": "$context.apiId", "id": "$input.params(''id'')"}'
            """;
    static final String ADMIN = """
            openapi: 3.0.1
            info: {title: admin, version: '1'}
            paths:
              /users:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates:
                          application/json: '{"api": "admin", "path": "$context.path", "resourcePath": "$context.resourcePath", "stage": "$context.stage"}'
            """;

    static final List<ApiMapping> MAPPINGS = ApiMapping.parse("""
            api.example.com/orders -> orders, prod
            api.example.com/orders/beta -> orders, beta
            admin.example.com -> admin, prod
            */shop/v1 -> orders, prod
            """, "test");

    private static RouteTable table(String document) {
        return RouteTables.loader().load(document.lines().skip(1).findFirst().orElseThrow(), document.getBytes(StandardCharsets.UTF_8));
    }

    static Portico gateway(Supplier<RouteTable> orders, Supplier<RouteTable> admin) {
        PorticoSettings base = PorticoSettings.defaults();
        List<ApiRouter.Api> apis = MAPPINGS.stream().map(m -> new ApiRouter.Api(m.api(),
                m.api().equals("orders") ? orders : admin,
                base.withStage(m.stage()).withApiId(m.api() + "-id")
                        .withStageVariables(Map.of("color", m.stage().equals("beta") ? "green" : "blue")))).toList();
        return new Portico(ApiRouter.mapped(MAPPINGS, apis), Integrations.standard(base), base);
    }

    private final Portico gateway = gateway(fixed(table(ORDERS)), fixed(table(ADMIN)));

    private static Supplier<RouteTable> fixed(RouteTable table) {
        return () -> table;
    }

    static Answer call(Portico gateway, EventFormat format, String host, String path) throws IOException {
        ClientRequest request = new ClientRequest("GET", path, "",
                new HeaderList().add("Host", host).add("Accept", "application/json"), null, "203.0.113.7");
        ObjectNode event = CallerEvents.event(format, request, "prod", "req-1");
        if (event.path("requestContext").has("domainName")) {
            // behind a custom domain, API Gateway names it here
            ((ObjectNode) event.get("requestContext")).put("domainName", host);
        }
        return AnswerDecoder.decode(gateway.handle(JSON.writeValueAsBytes(event)), format);
    }

    private JsonNode ok(EventFormat format, String host, String path) throws IOException {
        Answer answer = call(gateway, format, host, path);
        assertEquals(200, answer.status(), () -> format + " " + host + path + ": " + answer.bodyText());
        return JSON.readTree(answer.bodyText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void theBasePathIsStrippedBeforeRoutingAndKeptInContextPath(EventFormat format) throws IOException {
        JsonNode order = ok(format, "api.example.com", "/orders/42");
        assertEquals("orders", order.get("api").asText());
        assertEquals("/orders/42", order.get("path").asText(), "$context.path keeps the base path, no stage");
        assertEquals("/{id}", order.get("resourcePath").asText(), "$context.resourcePath has no base path");
        assertEquals("42", order.get("id").asText());
        assertEquals("prod", order.get("stage").asText());
        assertEquals("blue", order.get("color").asText());
        assertEquals("api.example.com", order.get("domainName").asText());
        assertEquals("api", order.get("domainPrefix").asText());
        assertEquals("orders-id", order.get("apiId").asText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void theLongestBasePathWinsAndServesItsOwnStage(EventFormat format) throws IOException {
        JsonNode beta = ok(format, "api.example.com", "/orders/beta/42");
        assertEquals("beta", beta.get("stage").asText());
        assertEquals("green", beta.get("color").asText());
        assertEquals("/orders/beta/42", beta.get("path").asText());
        assertEquals("42", beta.get("id").asText());

        JsonNode prod = ok(format, "api.example.com", "/orders/betamax");
        assertEquals("prod", prod.get("stage").asText(), "base paths match whole segments");
        assertEquals("betamax", prod.get("id").asText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void theBasePathItselfIsTheApisRoot(EventFormat format) throws IOException {
        for (String path : List.of("/orders", "/orders/")) {
            JsonNode root = ok(format, "api.example.com", path);
            assertEquals("/", root.get("resourcePath").asText(), path);
            assertEquals("prod", root.get("stage").asText(), path);
        }
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void theHostChoosesTheApi(EventFormat format) throws IOException {
        JsonNode admin = ok(format, "admin.example.com", "/users");
        assertEquals("admin", admin.get("api").asText());
        assertEquals("/users", admin.get("path").asText(), "the empty base path: no stage in $context.path either");
        assertEquals("/users", admin.get("resourcePath").asText());
        assertEquals("admin", ok(format, "ADMIN.example.com:443", "/users").get("api").asText(),
                "host names ignore case and port");
        JsonNode shop = ok(format, "anything.example.org", "/shop/v1/7");
        assertEquals("orders", shop.get("api").asText(), "* maps every host");
        assertEquals("/shop/v1/7", shop.get("path").asText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void noMappingIsApiGatewaysMissingAuthenticationToken(EventFormat format) throws IOException {
        for (String[] hostAndPath : new String[][] {{"api.example.com", "/users"}, {"api.example.com", "/ordersx/1"},
                {"other.example.com", "/orders/1"}, {"admin.example.com", "/orders/42/../users"},
                {"h".repeat(10_000) + ".example.com", "/orders/1"}, {"api.example.com", "/" + "a/".repeat(5000)}}) {
            Answer answer = call(gateway, format, hostAndPath[0], hostAndPath[1]);
            assertEquals(403, answer.status(), hostAndPath[1]);
            assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.bodyText(),
                    "no API's gateway responses apply before an API is chosen");
            assertEquals("MissingAuthenticationTokenException", answer.headers().last("x-amzn-ErrorType"));
        }
    }

    @Test
    void aChosenApiAnswersWithItsOwnGatewayResponses() throws IOException {
        Answer answer = call(gateway, EventFormat.ALB, "api.example.com", "/orders/1/2");
        assertEquals(404, answer.status());
        assertEquals("{\"orders\": \"no such order route\"}", answer.bodyText());
        answer = call(gateway, EventFormat.ALB, "admin.example.com", "/nothing");
        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.bodyText());
    }

    @Test
    void anApiWithoutATableFailsAloneAndTheHealthCheckStaysUp() throws IOException {
        Supplier<RouteTable> broken = () -> {
            throw new RouteTableUnavailableException("no route table could be loaded from file admin.yaml", null);
        };
        Portico gateway = gateway(fixed(table(ORDERS)), broken);
        assertEquals(500, call(gateway, EventFormat.ALB, "admin.example.com", "/users").status());
        assertEquals(200, call(gateway, EventFormat.ALB, "api.example.com", "/orders/42").status());

        ClientRequest health = new ClientRequest("GET", "/health", "", new HeaderList()
                .add("User-Agent", "ELB-HealthChecker/2.0"), null, "10.0.0.1");
        Answer answer = AnswerDecoder.decode(gateway.handle(CallerEvents.build(EventFormat.ALB, health, "prod", "h")),
                EventFormat.ALB);
        assertEquals(200, answer.status(), "one API serving keeps the target in service");
        Portico none = gateway(broken, broken);
        answer = AnswerDecoder.decode(none.handle(CallerEvents.build(EventFormat.ALB, health, "prod", "h")),
                EventFormat.ALB);
        assertEquals(503, answer.status());
    }

    @Test
    void anEncodedSlashIsNotABasePathBoundary() throws IOException {
        // The raw segment "orders%2Fbeta" is not the segment "orders": no mapping takes it.
        Answer answer = call(gateway, EventFormat.ALB, "api.example.com", "/orders%2Fbeta/1");
        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.bodyText());
        // "beta%2F1" is one raw segment, so not under orders/beta: orders prod gets /beta/1, which it has no route for.
        answer = call(gateway, EventFormat.ALB, "api.example.com", "/orders/beta%2F1");
        assertEquals(404, answer.status());
        assertEquals("{\"orders\": \"no such order route\"}", answer.bodyText());
    }

    @Test
    void withoutMappingsTheOneApiServesTheRootAsBefore() throws IOException {
        Portico single = Portico.create(table(ORDERS), PorticoSettings.defaults());
        assertFalse(single.router().isMapped());
        JsonNode body = JSON.readTree(call(single, EventFormat.ALB, "api.example.com", "/42").bodyText());
        assertEquals("/prod/42", body.get("path").asText(), "$context.path is /{stage}/... without mappings");
        assertEquals("42", body.get("id").asText());
        Answer unrouted = call(single, EventFormat.ALB, "api.example.com", "/orders/42");
        assertEquals(404, unrouted.status(), "no base path is stripped: /orders/42 is no route of the one API");
        assertEquals("{\"orders\": \"no such order route\"}", unrouted.bodyText());
    }
}
