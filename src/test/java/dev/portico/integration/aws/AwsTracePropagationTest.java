package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request's X-Ray trace goes with AWS calls and Lambda invokes, as API Gateway passes {@code X-Amzn-Trace-Id}
 * on to the services it integrates ("Tracing user requests to REST APIs using X-Ray", API Gateway developer
 * guide): seen here by a local endpoint standing in for Lambda's Invoke API and for SQS.
 */
class AwsTracePropagationTest {
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static HttpServer endpoint;
    private static Portico portico;

    @BeforeAll
    static void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            SEEN.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"));
            boolean lambda = exchange.getRequestURI().getPath().startsWith("/2015-03-31/");
            byte[] body = (lambda ? "{\"statusCode\":200,\"body\":\"ok\"}" : "<SendMessageResponse/>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", lambda ? "application/json" : "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        String routes = """
                openapi: 3.0.1
                info: {title: traced, version: '1'}
                paths:
                  /proxy:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sfn/invocations'}
                  /invoke:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws
                        httpMethod: POST
                        uri: '%1$sfn/invocations'
                        requestTemplates: {application/json: '{}'}
                        responses: {default: {statusCode: '200'}}
                  /queue:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws
                        httpMethod: POST
                        uri: 'arn:aws:apigateway:us-east-1:sqs:action/SendMessage'
                        requestParameters: {integration.request.querystring.MessageBody: "'hi'"}
                        responses: {default: {statusCode: '200'}}
                """.formatted(AwsProxyIntegrationTest.FUNCTIONS);
        PorticoSettings settings = PorticoSettings.defaults()
                .withAwsEndpointOverrides(Map.of("lambda", url, "sqs", url));
        portico = Portico.create(RouteTables.loader().load("traced", routes.getBytes(StandardCharsets.UTF_8)), settings);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) endpoint.stop(0);
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    @Test
    void lambdaProxyInvokesCarryTheTrace() {
        assertEquals(200, portico.respond(Requests.of("GET", "/proxy").header("X-Amzn-Trace-Id", TRACE).build()).status());
        assertEquals(List.of("/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations "
                + TRACE), SEEN);
    }

    @Test
    void lambdaInvokesOfAwsIntegrationsCarryTheTrace() {
        assertEquals(200, portico.respond(Requests.of("GET", "/invoke").header("X-Amzn-Trace-Id", TRACE).build()).status());
        assertEquals(1, SEEN.size());
        assertEquals(TRACE, SEEN.get(0).substring(SEEN.get(0).indexOf(' ') + 1));
    }

    @Test
    void serviceCallsCarryTheTrace() {
        assertEquals(200, portico.respond(Requests.of("GET", "/queue").header("X-Amzn-Trace-Id", TRACE).build()).status());
        assertEquals(List.of("/ " + TRACE), SEEN);
    }
}
