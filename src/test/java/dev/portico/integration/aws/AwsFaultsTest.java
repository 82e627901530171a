package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service faults behind AWS routes: slow (504), unreachable (500), error statuses (integration responses). */
class AwsFaultsTest {
    private static HttpServer service;
    private static Portico portico;

    @BeforeAll
    static void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            String action = exchange.getRequestURI().getQuery();
            if (action != null && action.contains("Action=Slow")) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(action != null && action.contains("Action=Denied") ? 403 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        String routes = """
                openapi: 3.0.1
                info: {title: faults, version: '1'}
                paths:
                  /slow:
                    get:
                      x-amazon-apigateway-integration:
                        {type: aws, httpMethod: GET, uri: 'arn:aws:apigateway:us-east-1:sqs:action/Slow', timeoutInMillis: 200,
                         responses: {default: {statusCode: '200'}}}
                  /denied:
                    get:
                      x-amazon-apigateway-integration:
                        {type: aws, httpMethod: GET, uri: 'arn:aws:apigateway:us-east-1:sqs:action/Denied',
                         responses: {default: {statusCode: '200'}, '403': {statusCode: '401'}}}
                  /unreachable:
                    get:
                      x-amazon-apigateway-integration:
                        {type: aws, httpMethod: GET, uri: 'arn:aws:apigateway:us-east-1:sns:action/Publish',
                         responses: {default: {statusCode: '200'}}}
                """;
        PorticoSettings settings = PorticoSettings.defaults().withAwsEndpointOverrides(Map.of(
                "sqs", "http://127.0.0.1:" + service.getAddress().getPort(),
                "sns", "http://127.0.0.1:" + LocalServices.freePort()));
        portico = Portico.create(RouteTables.loader().load("faults", routes.getBytes(StandardCharsets.UTF_8)), settings);
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    private static OutgoingResponse call(String path) {
        return portico.respond(Requests.of("GET", path).build());
    }

    @Test
    void slowServiceIs504AtTheIntegrationTimeout() {
        long start = System.nanoTime();
        OutgoingResponse response = call("/slow");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Endpoint request timed out"));
        assertTrue(millis < 1_500, "answered after " + millis + " ms");
    }

    @Test
    void serviceErrorStatusSelectsTheIntegrationResponse() {
        OutgoingResponse response = call("/denied");
        assertEquals(401, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("AccessDenied"));
    }

    @Test
    void unreachableServiceIs500() {
        OutgoingResponse response = call("/unreachable");
        assertEquals(500, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Internal server error"));
    }
}
