package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend slower than the function's own time left: the gateway must still answer, with API Gateway's 504,
 * instead of being stopped by Lambda mid-request (which an ALB turns into a bare 502).
 */
class FunctionDeadlineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer slowBackend;
    private Portico portico;

    @BeforeEach
    void start() throws IOException {
        slowBackend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowBackend.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        slowBackend.start();
        String table = """
                {"openapi": "3.0.1", "info": {"title": "slow", "version": "1"}, "paths": {"/slow": {"get": {
                  "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET",
                    "uri": "http://127.0.0.1:%d/slow"}}}}}
                """.formatted(slowBackend.getAddress().getPort());
        portico = Portico.create(RouteTables.loader().load("slow.json", table.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults());
    }

    @AfterEach
    void stop() {
        release.countDown();
        slowBackend.stop(0);
    }

    private static final byte[] EVENT = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
             "httpMethod":"GET","path":"/slow","queryStringParameters":{},"headers":{},"body":"","isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void theFunctionsOwnDeadlineCutsTheRoutesTimeoutShort() throws IOException {
        // The route allows 29 s; the function has 1.5 s left.
        JsonNode answer = JSON.readTree(portico.handle(EVENT, 1_500));

        assertEquals(504, answer.get("statusCode").asInt());
        assertEquals("{\"message\":\"Endpoint request timed out\"}", answer.get("body").asText());
    }

    @Test
    void withTimeAlreadyUsedUpTheAnswerIsStillAGatewayTimeout() throws IOException {
        JsonNode answer = JSON.readTree(portico.handle(EVENT, 100));

        assertEquals(504, answer.get("statusCode").asInt());
    }
}
