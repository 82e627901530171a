package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portico.route.openapi.RefBomb;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe suite through function.zip under the real Lambda runtime client, with a 512 MB function's heap and
 * {@code -XX:+ExitOnOutOfMemoryError} as Lambda runs it: hostile events, templates, backends and route tables.
 * Every case must get an answer in the caller's shape (here an ALB's), without a stack trace or an internal
 * address in it, and the next event must be answered normally. Two runtimes start at once (each with its own
 * native library). No timings are asserted: a runtime that hung would fail the invocation's own timeout.
 */
class PackagedHardeningIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();

    @TempDir
    static Path dir;
    private static HttpServer backend;
    private static String backendUrl;
    private static PackagedFunction function;
    private static PackagedFunction bombed;

    @BeforeAll
    static void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            SEEN.add(exchange.getRequestURI().toString());
            boolean odd = exchange.getRequestURI().getPath().endsWith("/status999");
            byte[] answer = "{\"from\":\"backend\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(odd ? 999 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
        backendUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                openapi: 3.0.1
                info: {title: hardening, version: "1"}
                paths:
                  /ok:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses:
                          default:
                            statusCode: "200"
                            responseTemplates: {application/json: '{"ok": true}'}
                  /json:
                    post:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '#set($n = $input.json(''$.n'')){"statusCode": 200}'}
                        responses:
                          default: {statusCode: "200"}
                  /range:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '#set($r = [1..200000000])$r.toArray(){"statusCode": 200}'}
                        responses:
                          default: {statusCode: "200"}
                  /replace:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '#set($s = ''a'')#foreach($i in [1..23])#set($s = "$s$s")#end#set($t = $s.replace(''a'', $s)){"statusCode": 200}'}
                        responses:
                          default: {statusCode: "200"}
                  /lists:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '#set($s = ''x'')#foreach($i in [1..23])#set($s = "$s$s")#end#set($l = [])#foreach($i in [1..1000])$l.add("$s$i")#end{"statusCode": 200}'}
                        responses:
                          default: {statusCode: "200"}
                  /sysprop:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses:
                          default:
                            statusCode: "200"
                            responseTemplates: {application/json: '#set($i = 1)[$i.getInteger(''sun.arch.data.model'')]'}
                  /echo:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses:
                          default:
                            statusCode: "200"
                            responseParameters:
                              method.response.header.X-Echo: method.request.querystring.q
                  /proxy/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: ANY
                        uri: "%1$s/base/{proxy}"
                        requestParameters:
                          integration.request.path.proxy: method.request.path.proxy
                """.formatted(backendUrl));
        Path bomb = dir.resolve("bomb.yaml");
        Files.writeString(bomb, refBomb(40));
        PackagedFunction.Config config = PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withLogs(new Tee(LOGS, System.err));
        // Started together: each runtime must have its own native library and temp directory.
        CompletableFuture<PackagedFunction> first = CompletableFuture.supplyAsync(() -> started(
                config.withEnv(Map.of("PORTICO_ROUTES", routes.toString()))));
        CompletableFuture<PackagedFunction> second = CompletableFuture.supplyAsync(() -> started(
                config.withEnv(Map.of("PORTICO_ROUTES", bomb.toString()))));
        function = first.join();
        bombed = second.join();
    }

    private static PackagedFunction started(PackagedFunction.Config config) {
        try {
            return PackagedFunction.start(config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each schema refers twice to the next: 2^levels nodes if every reference were copied. */
    static String refBomb(int levels) {
        return RefBomb.table(levels);
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (bombed != null) bombed.close();
        if (backend != null) backend.stop(0);
    }

    private static String event(String method, String path, String query, String body) throws IOException {
        return """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"%s","path":"%s","queryStringParameters":%s,
                 "headers":{"accept":"application/json","content-type":"application/json","x-forwarded-for":"198.51.100.7"},
                 "body":%s,"isBase64Encoded":false}
                """.formatted(method, path, query, JSON.writeValueAsString(body));
    }

    /** Invokes, checks the answer is a clean ALB answer, then checks the next event is served normally. */
    private static JsonNode probe(PackagedFunction target, String event) throws IOException {
        Result result = target.invoke(event.getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isError(), result::payloadText);
        JsonNode answer = JSON.readTree(result.payload());
        assertTrue(answer.get("statusDescription").asText().startsWith(answer.get("statusCode").asText() + " "),
                answer::toString);
        String text = answer.toString();
        for (String leak : List.of("\\tat ", "java.", "Exception:", "dev.portico", "127.0.0.1", "localhost", "sun.arch")) {
            assertFalse(text.contains(leak), leak + " in " + text);
        }
        if (target == function) {
            JsonNode next = JSON.readTree(function.invoke(event("GET", "/ok", "{}", "").getBytes(StandardCharsets.UTF_8))
                    .payload());
            assertEquals(200, next.get("statusCode").asInt(), next::toString);
            assertEquals("{\"ok\": true}", next.get("body").asText());
        }
        return answer;
    }

    private static void assertInternalError(JsonNode answer, int status) {
        assertEquals(status, answer.get("statusCode").asInt(), answer::toString);
        assertEquals("{\"message\": \"Internal server error\"}", answer.get("body").asText());
    }

    @Test
    void aMillionDigitNumberEndsInA500() throws IOException {
        assertInternalError(probe(function, event("POST", "/json", "{}", "{\"n\": " + "9".repeat(1_000_000) + "}")), 500);
    }

    @Test
    void deepNestingEndsInA500() throws IOException {
        assertInternalError(probe(function, event("POST", "/json", "{}", "[".repeat(200_000) + "]".repeat(200_000))), 500);
    }

    @Test
    void templatesThatWouldExhaustMemoryEndInA500() throws IOException {
        for (String path : List.of("/range", "/replace", "/lists")) {
            assertInternalError(probe(function, event("GET", path, "{}", "")), 500);
        }
    }

    @Test
    void templatesCannotReadSystemProperties() throws IOException {
        JsonNode answer = probe(function, event("GET", "/sysprop", "{}", ""));
        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("[]", answer.get("body").asText());
    }

    @Test
    void headerSplittingThroughAResponseParameterIsRefused() throws IOException {
        assertInternalError(probe(function, event("GET", "/echo", "{\"q\":\"a\\r\\nSet-Cookie: stolen=1\"}", "")), 500);
        assertEquals("plain", probe(function, event("GET", "/echo", "{\"q\":\"plain\"}", "")).at("/headers/X-Echo").asText());
    }

    @Test
    void dotSegmentsNeverReachTheBackend() throws IOException {
        for (String path : List.of("/proxy/../../admin", "/proxy/a/%2e%2e/%2E%2E/admin", "/proxy/..")) {
            JsonNode answer = probe(function, event("GET", path, "{}", ""));
            assertEquals(400, answer.get("statusCode").asInt(), path + ": " + answer);
        }
        assertTrue(SEEN.stream().noneMatch(uri -> uri.contains("admin") || uri.contains("%2E")), SEEN::toString);
        assertEquals(200, probe(function, event("GET", "/proxy/a/b", "{}", "")).get("statusCode").asInt());
    }

    @Test
    void aBackendStatusOutsideHttpIsA502() throws IOException {
        assertInternalError(probe(function, event("GET", "/proxy/status999", "{}", "")), 502);
    }

    @Test
    void hostileEventsGetA400() throws IOException {
        for (String event : List.of("{", "[]", "{\"httpMethod\": 7}", "\"x\"", "{\"requestContext\":{\"elb\":{}},\"path\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            Result result = function.invoke(event.getBytes(StandardCharsets.UTF_8));
            assertFalse(result.isError(), result::payloadText);
            assertFalse(result.payloadText().contains("\\tat "), result::payloadText);
            assertEquals(200, JSON.readTree(function.invoke(event("GET", "/ok", "{}", "").getBytes(StandardCharsets.UTF_8))
                    .payload()).get("statusCode").asInt());
        }
    }

    @Test
    void aRefBombFailsTheLoadAndTheFunctionStillAnswers() throws IOException {
        for (int i = 0; i < 2; i++) {
            assertInternalError(probe(bombed, event("POST", "/ok", "{}", "{}")), 500);
        }
        String logs = LOGS.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("$ref expansion passes 2000000 schema nodes"), "no clear message in the log");
    }

    /** Copies the function's log to the test's stderr and keeps it for assertions. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
