package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.observability.EmfMetricsTest;
import dev.portico.observability.XRayTracerTest;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access log, EMF metrics and X-Ray through the packaged function.zip under the Lambda runtime: the lines in the
 * function's own output (what Lambda sends to CloudWatch Logs), a UDP socket on 127.0.0.1 standing in for the
 * X-Ray daemon at {@code AWS_XRAY_DAEMON_ADDRESS}, and the trace header a real backend receives.
 */
class PackagedObservabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "{\"requestId\":\"$context.requestId\",\"extendedRequestId\":"
            + "\"$context.extendedRequestId\",\"ip\":\"$context.identity.sourceIp\",\"method\":\"$context.httpMethod\","
            + "\"resource\":\"$context.resourcePath\",\"status\":\"$context.status\",\"length\":\"$context.responseLength\","
            + "\"integrationStatus\":\"$context.integration.status\",\"latency\":\"$context.responseLatency\","
            + "\"trace\":\"$context.xrayTraceId\",\"error\":\"$context.error.responseType\","
            + "\"agent\":\"$context.identity.userAgent\"}";
    private static final List<String> SEEN_TRACES = new CopyOnWriteArrayList<>();
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();

    @TempDir
    static Path dir;
    private static HttpServer backend;
    private static DatagramSocket daemon;
    private static PackagedFunction function;

    @BeforeAll
    static void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            SEEN_TRACES.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
            byte[] answer = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
        daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        daemon.setSoTimeout(10_000);
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                openapi: 3.0.1
                info: {title: observed, version: "1"}
                paths:
                  /items/{id}:
                    get:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: GET
                        uri: "http://127.0.0.1:%d/items/{id}"
                        requestParameters:
                          integration.request.path.id: method.request.path.id
                """.formatted(backend.getAddress().getPort()));
        function = PackagedFunction.start(PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withEnv(Map.of("PORTICO_ROUTES", routes.toString(), "PORTICO_STAGE", "live",
                        "PORTICO_ACCESS_LOG_FORMAT", FORMAT, "PORTICO_METRICS_NAMESPACE", "Portico",
                        "PORTICO_METRICS_DETAILED", "true", "PORTICO_TRACING_ENABLED", "true",
                        "AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + daemon.getLocalPort()))
                .withLogs(LOGS));
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (backend != null) backend.stop(0);
        if (daemon != null) daemon.close();
    }

    private static String event(String path, String traceHeader) {
        String trace = traceHeader == null ? "" : ",\"x-amzn-trace-id\":[\"" + traceHeader + "\"]";
        return """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"GET","path":"%s","multiValueQueryStringParameters":{},
                 "multiValueHeaders":{"user-agent":["curl/8.5 \\"quoted\\" \\\\ back"],"x-forwarded-for":["198.51.100.7"],
                 "authorization":["Bearer secret-token"],"x-api-key":["secret-key"]%s},
                 "body":"","isBase64Encoded":false}
                """.formatted(path, trace);
    }

    /** The function's output lines since {@code from} that start with {@code prefix}; waits for them a little. */
    private static List<String> lines(int from, String prefix, int count) throws InterruptedException {
        List<String> found = new ArrayList<>();
        for (int attempt = 0; attempt < 100 && found.size() < count; attempt++) {
            found.clear();
            String text;
            synchronized (LOGS) {
                text = LOGS.toString(StandardCharsets.UTF_8);
            }
            for (String line : text.substring(Math.min(from, text.length())).split("\n")) {
                if (line.startsWith(prefix)) {
                    found.add(line);
                }
            }
            if (found.size() < count) {
                Thread.sleep(50);
            }
        }
        return found;
    }

    private static int logged() {
        synchronized (LOGS) {
            return LOGS.toString(StandardCharsets.UTF_8).length();
        }
    }

    @Test
    void oneAccessLineOneEmfDocumentAndOneSubsegmentPerRequest() throws Exception {
        int from = logged();
        String sampled = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        Result result = function.invoke(event("/items/7", sampled).getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isError(), result::payloadText);

        List<String> access = lines(from, "{\"requestId\":", 1);
        assertEquals(1, access.size(), LOGS::toString);
        JsonNode line = JSON.readTree(access.get(0));
        assertEquals("198.51.100.7", line.get("ip").asText());
        assertEquals("GET", line.get("method").asText());
        assertEquals("/items/{id}", line.get("resource").asText());
        assertEquals("200", line.get("status").asText());
        assertEquals("8", line.get("length").asText());
        assertEquals("200", line.get("integrationStatus").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.get("trace").asText());
        assertEquals("-", line.get("error").asText());
        assertEquals("curl/8.5 \"quoted\" \\ back", line.get("agent").asText(), "escaped within the JSON string");
        assertTrue(line.get("latency").asText().matches("\\d+"));
        assertFalse(access.get(0).contains("secret"));

        List<String> emf = lines(from, "{\"_aws\":", 1);
        assertEquals(1, emf.size(), LOGS::toString);
        JsonNode metrics = EmfMetricsTest.checkEmf(emf.get(0));
        assertEquals("Portico", metrics.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
        assertEquals("portico", metrics.get("ApiName").asText());
        assertEquals("live", metrics.get("Stage").asText());
        assertEquals("/items/{id}", metrics.get("Resource").asText());
        assertEquals("[1]", metrics.get("Count").toString());

        JsonNode segment = XRayTracerTest.receive(daemon);
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", segment.get("trace_id").asText());
        assertEquals("53995c3f42cd8ad8", segment.get("parent_id").asText());
        assertEquals(200, segment.get("http").get("response").get("status").asInt());
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + segment.get("id").asText() + ";Sampled=1",
                SEEN_TRACES.get(SEEN_TRACES.size() - 1), "the backend's segments nest under the call");
    }

    @Test
    void withoutATraceHeaderTheBackendGetsLambdasTrace() throws Exception {
        int from = logged();
        Result result = function.invoke(event("/items/8", null).getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isError(), result::payloadText);
        String lambda = function.lastTraceId();
        assertEquals(lambda, SEEN_TRACES.get(SEEN_TRACES.size() - 1));
        String root = lambda.substring("Root=".length(), lambda.indexOf(';'));
        assertEquals(root, JSON.readTree(lines(from, "{\"requestId\":", 1).get(0)).get("trace").asText());
    }

    @Test
    void aFormatWithAnUnknownVariableStopsTheStartNamingIt() throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PackagedFunction broken = PackagedFunction.start(PackagedFunction.Config.forProject(
                        Path.of("").toAbsolutePath())
                .withEnv(Map.of("PORTICO_ACCESS_LOG_FORMAT", "$context.requestId $context.responseLenght"))
                .withLogs(logs))) {
            Result result = broken.invoke(event("/items/9", null).getBytes(StandardCharsets.UTF_8));
            assertTrue(result.isError(), result::payloadText);
            String text = result.payloadText() + logs.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("$context.responseLenght is not a variable"), text);
        }
    }
}
