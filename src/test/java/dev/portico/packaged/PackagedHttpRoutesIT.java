package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP and HTTP_PROXY routes end to end through the packaged function.zip under the Lambda runtime: the route
 * table comes in through PORTICO_ROUTES, the backend is a real local server.
 */
class PackagedHttpRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;
    private static HttpServer backend;
    private static PackagedFunction function;

    @BeforeAll
    static void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            SEEN.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + new String(body, StandardCharsets.UTF_8));
            boolean missing = exchange.getRequestURI().getPath().endsWith("/404");
            byte[] answer = (missing ? "{\"error\":\"no such order\"}" : "{\"order\":{\"id\":\"o-1\",\"total\":42}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            exchange.sendResponseHeaders(missing ? 404 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
        String url = "http://127.0.0.1:" + backend.getAddress().getPort();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                openapi: 3.0.1
                info: {title: packaged-http, version: "1"}
                paths:
                  /orders/{id}:
                    get:
                      x-amazon-apigateway-integration:
                        type: http
                        httpMethod: POST
                        uri: "%1$s/lookup/{id}"
                        requestParameters:
                          integration.request.path.id: method.request.path.id
                        requestTemplates:
                          application/json: '{"wanted": "$input.params(''id'')", "stage": "$context.stage"}'
                        responses:
                          "404":
                            statusCode: "404"
                            responseTemplates:
                              application/json: '{"message": "Order $input.params(''id'') not found"}'
                          default:
                            statusCode: "200"
                            responseParameters:
                              method.response.header.X-Order-Total: integration.response.body.order.total
                            responseTemplates:
                              application/json: '{"id": "$input.path(''$.order.id'')", "total": $input.path(''$.order.total'')}'
                  /shop/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: ANY
                        uri: "%1$s/{proxy}"
                        requestParameters:
                          integration.request.path.proxy: method.request.path.proxy
                """.formatted(url));
        function = PackagedFunction.start(PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withEnv(Map.of("PORTICO_ROUTES", routes.toString(), "PORTICO_STAGE", "live")));
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (backend != null) backend.stop(0);
    }

    private static JsonNode invoke(String method, String path, String query, String body) throws IOException {
        String event = """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"%s","path":"%s","multiValueQueryStringParameters":%s,
                 "multiValueHeaders":{"accept":["application/json"],"content-type":["application/json"],"x-forwarded-for":["198.51.100.7"]},
                 "body":%s,"isBase64Encoded":false}
                """.formatted(method, path, query, JSON.writeValueAsString(body));
        Result result = function.invoke(event.getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isError(), result::payloadText);
        return JSON.readTree(result.payload());
    }

    /** A multi-value header by name, case-insensitively (the JDK test server writes {@code Set-cookie}). */
    private static JsonNode header(JsonNode answer, String name) {
        var fields = answer.get("multiValueHeaders").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    @Test
    void httpRouteMapsRequestAndResponseThroughTemplates() throws IOException {
        JsonNode answer = invoke("GET", "/orders/o-1", "{}", "");

        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("{\"id\": \"o-1\", \"total\": 42}", answer.get("body").asText());
        assertEquals("42", answer.at("/multiValueHeaders/X-Order-Total/0").asText());
        assertTrue(SEEN.contains("POST /lookup/o-1 {\"wanted\": \"o-1\", \"stage\": \"live\"}"), SEEN::toString);
    }

    @Test
    void httpRouteSelectsTheIntegrationResponseByStatus() throws IOException {
        JsonNode answer = invoke("GET", "/orders/404", "{}", "");

        assertEquals(404, answer.get("statusCode").asInt());
        assertEquals("404 Not Found", answer.get("statusDescription").asText());
        assertEquals("{\"message\": \"Order 404 not found\"}", answer.get("body").asText());
    }

    @Test
    void httpProxyRoutePassesRequestAndAnswerThrough() throws IOException {
        JsonNode answer = invoke("POST", "/shop/cart/items", "{\"sku\":[\"a\",\"b\"]}", "{\"qty\":2}");

        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("{\"order\":{\"id\":\"o-1\",\"total\":42}}", answer.get("body").asText());
        assertEquals(List.of("a=1", "b=2"), JSON.convertValue(header(answer, "Set-Cookie"), List.class));
        assertTrue(SEEN.contains("POST /cart/items?sku=a&sku=b {\"qty\":2}"), SEEN::toString);
    }
}
