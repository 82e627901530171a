package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.RouteTableUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gateway adds to, or puts instead of, every answer: request ids, health, the caller's size limit. */
class GatewayAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef";
    private HttpServer backend;
    private int bodyBytes;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = new byte[bodyBytes];
            Arrays.fill(body, (byte) 'a');
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
    }

    @AfterEach
    void stop() {
        backend.stop(0);
    }

    private RouteTable table() {
        String table = """
                {"openapi": "3.0.1", "info": {"title": "answers", "version": "1"}, "paths": {"/big": {"get": {
                  "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET",
                    "uri": "http://127.0.0.1:%d/big"}}}}}
                """.formatted(backend.getAddress().getPort());
        return RouteTables.loader().load("answers.json", table.getBytes(StandardCharsets.UTF_8));
    }

    private static Portico portico(Supplier<RouteTable> routes) {
        PorticoSettings settings = PorticoSettings.defaults();
        return new Portico(routes, Integrations.standard(settings), settings);
    }

    private static byte[] albEvent(String path, String userAgent) {
        return """
                {"requestContext":{"elb":{"targetGroupArn":"%s"}},"httpMethod":"GET","path":"%s",
                 "queryStringParameters":{},"headers":{"user-agent":"%s"},"body":"","isBase64Encoded":false}
                """.formatted(TARGET_GROUP, path, userAgent).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] v1Event(String path) {
        return """
                {"resource":"/{proxy+}","path":"%s","httpMethod":"GET","headers":{},"multiValueHeaders":{},
                 "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,
                 "stageVariables":null,"requestContext":{"resourcePath":"/{proxy+}","httpMethod":"GET",
                 "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","stage":"prod","identity":{"sourceIp":"198.51.100.7"},
                 "path":"/prod%s"},"body":null,"isBase64Encoded":false}
                """.formatted(path, path).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void healthChecksAnswer503WhileNoTableIsLoadedAnd200Once()  throws IOException {
        Supplier<RouteTable> none = () -> {
            throw new RouteTableUnavailableException("no route table could be loaded from test", null);
        };
        JsonNode unhealthy = JSON.readTree(portico(none).handle(albEvent("/health", "ELB-HealthChecker/2.0")));
        assertEquals(503, unhealthy.get("statusCode").asInt());
        assertEquals("503 Service Unavailable", unhealthy.get("statusDescription").asText());

        RouteTable table = table();
        JsonNode healthy = JSON.readTree(portico(() -> table).handle(albEvent("/health", "ELB-HealthChecker/2.0")));
        assertEquals(200, healthy.get("statusCode").asInt());
    }

    @Test
    void anAnswerOverTheAlbsOneMegabyteIsTheGatewaysError() throws IOException {
        RouteTable table = table();
        bodyBytes = 1024 * 1024 + 1;
        byte[] encoded = portico(() -> table).handle(albEvent("/big", "curl/8"));
        JsonNode answer = JSON.readTree(encoded);
        assertEquals(502, answer.get("statusCode").asInt());
        assertEquals("{\"message\": \"Internal server error\"}", answer.get("body").asText());
        assertTrue(encoded.length < 2048, "the error answer is small: " + encoded.length);

        bodyBytes = 100_000;
        assertEquals(200, JSON.readTree(portico(() -> table).handle(albEvent("/big", "curl/8"))).get("statusCode").asInt());
    }

    @Test
    void otherCallersTakeLambdasSixMegabytesButNoMore() throws IOException {
        RouteTable table = table();
        bodyBytes = 2 * 1024 * 1024;
        assertEquals(200, JSON.readTree(portico(() -> table).handle(v1Event("/big"))).get("statusCode").asInt());

        bodyBytes = 6 * 1024 * 1024 + 1;
        assertEquals(502, JSON.readTree(portico(() -> table).handle(v1Event("/big"))).get("statusCode").asInt());
    }

    @Test
    void errorAnswersCarryTheRequestIdsToo() throws IOException {
        RouteTable table = table();
        JsonNode answer = JSON.readTree(portico(() -> table).handle(v1Event("/nowhere")));
        assertEquals(403, answer.get("statusCode").asInt());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", answer.at("/multiValueHeaders/x-amzn-RequestId/0").asText());
        assertTrue(answer.at("/multiValueHeaders/x-amz-apigw-id/0").asText().matches("[A-Za-z0-9+/]{15}="), answer::toString);
        assertTrue(answer.at("/multiValueHeaders/X-Amzn-Trace-Id").isMissingNode(), "no trace on a gateway error");
    }
}
