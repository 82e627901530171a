package dev.portico.tools.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.invocation.PorticoSettings;
import dev.portico.tools.callers.EventFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code portico serve}, driven over real HTTP on a free port. */
class LocalServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: serve-test, version: "1"}
            paths:
              /hello:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates:
                      application/json: '{"statusCode": 200}'
                    responses:
                      default:
                        statusCode: "200"
                        responseParameters:
                          method.response.header.X-Tags: method.request.multivalueheader.X-Tag
                          method.response.header.X-Query: method.request.multivaluequerystring.tag
                          method.response.header.X-Cookie: method.request.header.Cookie
                          method.response.header.Set-Cookie: "'session=abc; Path=/; HttpOnly'"
                        responseTemplates:
                          application/json: '{"greeting": "hello", "path": "$context.resourcePath"}'
            """;

    private final HttpClient client = HttpClient.newHttpClient();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void mockRouteAnswersInEveryFormat(EventFormat format) throws Exception {
        serve(format);
        HttpResponse<String> response = get("/hello", "X-Tag", "1");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"greeting\": \"hello\", \"path\": \"/hello\"}", response.body());
    }

    @Test
    void unknownRouteIsApiGatewaysMissingAuthenticationToken() throws Exception {
        serve(EventFormat.ALB);
        HttpResponse<String> response = get("/nowhere");
        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", response.body());
    }

    @Test
    void multiValueModeCarriesEveryHeaderAndQueryValue() throws Exception {
        serve(EventFormat.ALB_MULTI_VALUE);
        HttpResponse<String> response = get("/hello?tag=a&tag=b", "X-Tag", "1", "X-Tag", "2");
        assertEquals("1,2", response.headers().firstValue("X-Tags").orElseThrow());
        assertEquals("a,b", response.headers().firstValue("X-Query").orElseThrow());
    }

    @Test
    void singleValueModeKeepsTheLastValue() throws Exception {
        serve(EventFormat.ALB);
        HttpResponse<String> response = get("/hello?tag=a&tag=b", "X-Tag", "1", "X-Tag", "2");
        assertEquals("2", response.headers().firstValue("X-Tags").orElseThrow());
        assertEquals("b", response.headers().firstValue("X-Query").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void cookiesTravelBothWays(EventFormat format) throws Exception {
        serve(format);
        HttpResponse<String> response = get("/hello", "Cookie", "a=1; b=2");
        assertEquals(List.of("session=abc; Path=/; HttpOnly"), response.headers().allValues("Set-Cookie"));
        assertEquals("a=1; b=2", response.headers().firstValue("X-Cookie").orElseThrow());
    }

    @Test
    void binaryBodiesArriveBase64EncodedAndGoBackAsBytes() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        serveFunction(event -> {
            JsonNode request = read(event);
            assertTrue(request.path("isBase64Encoded").asBoolean(), request.toString());
            ObjectNode answer = JSON.createObjectNode().put("statusCode", 200).put("statusDescription", "200 OK")
                    .put("body", request.path("body").asText()).put("isBase64Encoded", true);
            answer.putObject("headers").put("Content-Type", "application/octet-stream");
            return write(answer);
        });
        HttpResponse<byte[]> response = client.send(request("/echo")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(bytes, response.body());
    }

    @Test
    void anAnswerAnAlbCannotReadIsA502() throws Exception {
        serveFunction(event -> "{\"statusCode\": 200, \"body\": \"no statusDescription\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(502, get("/hello").statusCode());
    }

    @Test
    void aBodyOverOneMegabyteIs413BeforeTheFunctionRuns() throws Exception {
        serveFunction(event -> {
            throw new AssertionError("the function must not be called");
        });
        HttpResponse<String> response = client.send(request("/hello")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LocalServer.MAX_BODY + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("awselb/2.0", response.headers().firstValue("Server").orElseThrow());
    }

    @Test
    void headerLimitsAreTheAlbs() throws Exception {
        serve(EventFormat.ALB);
        assertEquals(400, get("/hello", "X-Big", "x".repeat(LocalServer.MAX_HEADER)).statusCode());
        String fifteenK = "x".repeat(15 * 1024);
        assertEquals(431, get("/hello", "X-A", fifteenK, "X-B", fifteenK, "X-C", fifteenK, "X-D", fifteenK,
                "X-E", fifteenK).statusCode());
        assertEquals(200, get("/hello", "X-A", fifteenK, "X-B", fifteenK).statusCode());
    }

    @Test
    void oneAccessLogLinePerRequest() throws Exception {
        serve(EventFormat.ALB);
        get("/hello");
        awaitTrue(() -> logText().contains("\"GET /hello HTTP/1.1\""));
        String line = logText().lines().filter(l -> l.contains("\"GET /hello HTTP/1.1\"")).findFirst().orElseThrow();
        // the function's own access log, in API Gateway's CLF preset (no space before the quote, as AWS writes it)
        assertTrue(line.matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000]"
                + "\"GET /hello HTTP/1\\.1\" 200 39 [0-9a-f-]{36} [A-Za-z0-9+/=]{16}"), line);
        assertEquals(1, logText().lines().filter(l -> l.contains("\"GET /hello HTTP/1.1\"")).count());
    }

    @Test
    void aRequestTheLoadBalancerRefusesHasALineOfItsOwn() throws Exception {
        serve(EventFormat.ALB);
        assertEquals(400, get("/hello", "X-A", "x".repeat(17 * 1024)).statusCode());
        awaitTrue(() -> logText().contains("\"GET /hello HTTP/1.1\" 400"));
        String line = logText().lines().filter(l -> l.contains("\"GET /hello HTTP/1.1\" 400")).findFirst().orElseThrow();
        assertTrue(line.matches("127\\.0\\.0\\.1 - - \\[[^]]+]\"GET /hello HTTP/1\\.1\" 400 \\d+ [0-9a-f-]{36} -"), line);
    }

    @Test
    void aChangedRouteFileIsServedWithoutRestart() throws Exception {
        serve(EventFormat.ALB);
        assertEquals(403, get("/added").statusCode());
        Files.writeString(dir.resolve("routes.yaml"), ROUTES.replace("/hello:", "/added:"));
        awaitTrue(() -> status("/added") == 200);
        assertEquals(403, get("/hello").statusCode());
    }

    @Test
    void aBrokenRouteFileKeepsThePreviousTable() throws Exception {
        serve(EventFormat.ALB);
        Files.writeString(dir.resolve("routes.yaml"), ROUTES.replace("type: mock", "type: lamdba"));
        awaitTrue(() -> status("/hello") == 200 && logText().contains("kept the previous routes"));
        assertTrue(logText().contains("GET /hello: unknown integration type 'lamdba'"), logText());
        assertEquals(200, get("/hello").statusCode());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void serve(EventFormat format) throws Exception {
        server = LocalServer.start(routeFile(), format, PorticoSettings.defaults(), Set.of(), 0, logStream(), logStream());
    }

    private void serveFunction(UnaryOperator<byte[]> function) throws Exception {
        server = LocalServer.start(routeFile(), EventFormat.ALB, "prod", routes -> function, 0, logStream(),
                logStream());
    }

    private Path routeFile() throws Exception {
        return Files.writeString(dir.resolve("routes.yaml"), ROUTES);
    }

    private PrintStream logStream() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder builder = request(pathAndQuery);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds: reloads and log lines come after the fact, so tests wait, boundedly. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "condition not met before the deadline");
            Thread.sleep(50);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
