package dev.portico.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway with access log, metrics and tracing on, in process: one line per request from the request's own
 * {@code $context}, one EMF document per event, one X-Ray subsegment per integration call received by a UDP
 * socket standing in for the daemon, and the trace the backend sees.
 */
class ObservedGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private HttpServer backend;
    private DatagramSocket daemon;
    private final List<String> seenTraces = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Portico portico;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            seenTraces.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200,
                    body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        daemon.setSoTimeout(5_000);
        String table = """
                {"openapi": "3.0.1", "info": {"title": "observed", "version": "1"}, "paths": {
                  "/items/{id}": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy",
                    "httpMethod": "GET", "uri": "http://127.0.0.1:%d/items/{id}",
                    "requestParameters": {"integration.request.path.id": "method.request.path.id"}}}},
                  "/mock": {"get": {"x-amazon-apigateway-integration": {"type": "mock",
                    "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                    "responses": {"default": {"statusCode": "200"}}}}}}}
                """.formatted(backend.getAddress().getPort());
        RouteTable routes = RouteTables.loader().load("observed.json", table.getBytes(StandardCharsets.UTF_8));
        PorticoSettings settings = PorticoSettings.defaults().withStage("live");
        Observability observability = new Observability(
                AccessLogFormat.compile("$context.requestId $context.httpMethod $context.resourcePath $context.path "
                        + "$context.status $context.responseLength $context.integration.status "
                        + "$context.integrationStatus $context.xrayTraceId $context.error.responseType "
                        + "\"$context.error.message\" $context.identity.sourceIp \"$context.identity.userAgent\" "
                        + "$context.integrationLatency $context.responseLatency"),
                new EmfMetrics("Portico", "observed", "live", true, lines::add, System::currentTimeMillis),
                new XRayTracer("127.0.0.1:" + daemon.getLocalPort()), lines::add);
        portico = new Portico(() -> routes, Integrations.standard(settings), settings, observability);
    }

    @AfterEach
    void stop() {
        backend.stop(0);
        daemon.close();
    }

    private static byte[] v1Event(String path, String resource, String traceHeader, String userAgent) {
        return """
                {"resource":"%s","path":"%s","httpMethod":"GET","headers":{"X-Amzn-Trace-Id":"%s","User-Agent":"%s",
                 "Authorization":"Bearer secret-token","x-api-key":"secret-key"},
                 "multiValueHeaders":null,"queryStringParameters":null,"multiValueQueryStringParameters":null,
                 "pathParameters":null,"stageVariables":null,"requestContext":{"resourcePath":"%s","httpMethod":"GET",
                 "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","stage":"live","identity":{"sourceIp":"198.51.100.7"},
                 "path":"/live%s"},"body":null,"isBase64Encoded":false}
                """.formatted(resource, path, traceHeader, userAgent, resource, path).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anHttpCallIsLoggedMeasuredAndTraced() throws IOException {
        portico.handle(v1Event("/items/7", "/items/{id}", TRACE, "curl/8.5"), 0);
        assertEquals(2, lines.size(), lines.toString());
        String[] access = lines.get(0).split(" ");
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", access[0]);
        assertEquals("GET", access[1]);
        assertEquals("/items/{id}", access[2]);
        assertEquals("/live/items/7", access[3]);
        assertEquals("200", access[4]);
        assertEquals("11", access[5]);
        assertEquals("200", access[6]);
        assertEquals("200", access[7]);
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", access[8]);
        assertEquals("-", access[9]);
        assertEquals("\"-\"", access[10]);
        assertEquals("198.51.100.7", access[11]);
        assertEquals("\"curl/8.5\"", access[12]);
        assertTrue(access[13].matches("\\d+") && access[14].matches("\\d+"), lines.get(0));
        assertTrue(Long.parseLong(access[13]) <= Long.parseLong(access[14]), lines.get(0));
        assertFalse(lines.get(0).contains("secret"), "no Authorization or x-api-key value");

        JsonNode metrics = EmfMetricsTest.checkEmf(lines.get(1));
        assertEquals("/items/{id}", metrics.get("Resource").asText());
        assertEquals("GET", metrics.get("Method").asText());
        assertEquals("[1]", metrics.get("Count").toString());
        assertEquals(1, metrics.get("IntegrationLatency").size());

        JsonNode segment = XRayTracerTest.receive(daemon);
        assertEquals("subsegment", segment.get("type").asText());
        assertEquals("127.0.0.1", segment.get("name").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", segment.get("trace_id").asText());
        assertEquals("53995c3f42cd8ad8", segment.get("parent_id").asText());
        assertEquals("remote", segment.get("namespace").asText());
        assertEquals(200, segment.get("http").get("response").get("status").asInt());
        assertEquals("GET /items/{id}", segment.get("annotations").get("route").asText());
        assertTrue(segment.get("end_time").asDouble() >= segment.get("start_time").asDouble());
        // the backend's segments nest under Portico's subsegment
        assertEquals(List.of("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + segment.get("id").asText()
                + ";Sampled=1"), seenTraces);
    }

    @Test
    void anUnsampledTraceIsPropagatedButNotSent() throws IOException {
        String unsampled = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";
        portico.handle(v1Event("/items/7", "/items/{id}", unsampled, "x"), 0);
        assertEquals(List.of(unsampled), seenTraces);
        daemon.setSoTimeout(200);
        try {
            XRayTracerTest.receive(daemon);
            throw new AssertionError("a segment of an unsampled trace was sent");
        } catch (SocketTimeoutException expected) {
            // nothing sent
        }
    }

    @Test
    void behindAnAlbTheCallIsRecordedInTheFunctionsOwnTrace() throws IOException {
        String alb = "Root=1-67891233-abcdef012345678912345678";
        String lambda = "Root=1-67891234-111111111111111111111111;Parent=2222222222222222;Sampled=1";
        portico.handle(v1Event("/items/7", "/items/{id}", alb, "x"), 0, lambda);
        JsonNode segment = XRayTracerTest.receive(daemon);
        assertEquals("1-67891234-111111111111111111111111", segment.get("trace_id").asText());
        assertEquals("2222222222222222", segment.get("parent_id").asText());
        // the backend still gets the caller's trace, as API Gateway passes it on
        assertTrue(seenTraces.get(0).startsWith("Root=1-67891233-abcdef012345678912345678;Parent="), seenTraces.get(0));
        assertTrue(lines.get(0).contains(" 1-67891233-abcdef012345678912345678 "), lines.get(0));
    }

    @Test
    void withoutATraceHeaderTheRequestTakesLambdasTrace() {
        String lambda = "Root=1-67891234-111111111111111111111111;Parent=2222222222222222;Sampled=0";
        portico.handle(v1Event("/items/7", "/items/{id}", "", "x"), 0, lambda);
        assertEquals(List.of(lambda), seenTraces);
    }

    @Test
    void gatewayErrorsAndMocksAreLoggedWithTheirContext() throws IOException {
        portico.handle(v1Event("/nothing", "/nothing", TRACE, "x"), 0);
        String[] access = lines.get(0).split(" ");
        assertEquals("-", access[2], lines.get(0));
        assertEquals("403", access[4]);
        assertEquals("-", access[6], "no integration was called");
        assertEquals("MISSING_AUTHENTICATION_TOKEN", access[9]);
        assertTrue(lines.get(0).contains("\"Missing Authentication Token\""), lines.get(0));
        JsonNode metrics = EmfMetricsTest.checkEmf(lines.get(1));
        assertEquals("[1]", metrics.get("4XXError").toString());
        assertNull(metrics.get("IntegrationLatency"));

        lines.clear();
        portico.handle(v1Event("/mock", "/mock", TRACE, "x"), 0);
        assertEquals("200", lines.get(0).split(" ")[4]);
        assertNotEquals(null, EmfMetricsTest.checkEmf(lines.get(1)).get("IntegrationLatency"));
        daemon.setSoTimeout(200);
        try {
            XRayTracerTest.receive(daemon);
            throw new AssertionError("a MOCK calls nothing, so it has no subsegment");
        } catch (SocketTimeoutException expected) {
            // nothing sent
        }
    }

    @Test
    void anUndecodableEventIsLoggedToo() {
        portico.handle("{not json".getBytes(StandardCharsets.UTF_8), 0);
        String[] access = lines.get(0).split(" ");
        assertEquals("-", access[0]);
        assertEquals("400", access[4]);
        assertEquals("DEFAULT_4XX", access[9], "the error is in the line though no $context was made");
    }

    @Test
    void nothingIsWrittenWhenAllIsOff() {
        PorticoSettings settings = PorticoSettings.defaults();
        Portico quiet = new Portico(() -> { throw new IllegalStateException("none"); }, Integrations.standard(settings),
                settings, Observability.off());
        quiet.handle(v1Event("/items/7", "/items/{id}", TRACE, "x"), 0);
        assertTrue(lines.isEmpty());
    }
}
