package dev.portico.integration.http;

import static dev.portico.integration.http.Fixtures.headers;
import static dev.portico.integration.http.Fixtures.invocation;
import static dev.portico.integration.http.Fixtures.proxy;
import static dev.portico.integration.http.Fixtures.request;
import static dev.portico.integration.http.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.integration.Stages;
import dev.portico.invocation.PorticoSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProxyIntegrationTest {
    private static final VertxBackendClient CLIENT = new VertxBackendClient();
    private static final HttpProxyIntegration PROXY = new HttpProxyIntegration(CLIENT);
    private final TestBackend backend = new TestBackend();

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @AfterAll
    static void stopClient() {
        CLIENT.close();
    }

    private OutgoingResponse call(String resourcePath, String uri, Map<String, String> parameters,
                                  dev.portico.event.IncomingRequest request, Map<String, String> pathParameters) {
        return Stages.run(PROXY, invocation(resourcePath, proxy(uri, "ANY", parameters, 0), request, pathParameters));
    }

    @Test
    void echoesEveryRequestPart() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("tag", List.of("a b", "c&d"));
        query.put("q", List.of("x=y"));
        Headers headers = new Headers().add("X-Multi", "one").add("X-Multi", "two")
                .add("Content-Type", "application/octet-stream").add("Accept", "*/*")
                .add("Connection", "close, X-Hop").add("X-Hop", "gone").add("Keep-Alive", "timeout=5")
                .add("Host", "api.example.com").add("Via", "1.1 edge").add("Expect", "100-continue")
                .add("X-Forwarded-For", "198.51.100.1");

        OutgoingResponse response = call("/items/{id}", backend.url() + "/v1/items/{id}",
                Map.of("integration.request.path.id", "method.request.path.id"),
                request("PUT", "/items/42", query, headers, body), Map.of("id", "42"));

        assertEquals(200, response.status());
        TestBackend.Received got = backend.last();
        assertEquals("PUT", got.method());
        assertEquals("/v1/items/42", got.rawPath());
        assertEquals("tag=a%20b&tag=c%26d&q=x%3Dy", got.rawQuery());
        assertEquals(List.of("one", "two"), got.headers().all("X-Multi"));
        assertArrayEquals(body, got.body());
        assertEquals("application/octet-stream", got.headers().last("Content-Type"));
        assertEquals("127.0.0.1:" + backend.port(), got.headers().last("Host"));
        for (String dropped : List.of("Connection", "X-Hop", "Keep-Alive", "Via", "Expect")) {
            assertFalse(got.headers().contains(dropped), dropped);
        }
        assertEquals("198.51.100.1, 203.0.113.7", got.headers().last("X-Forwarded-For"));
        assertEquals("https", got.headers().last("X-Forwarded-Proto"));
        assertEquals("443", got.headers().last("X-Forwarded-Port"));
        assertEquals("portico", got.headers().last("X-Amzn-Apigateway-Api-Id"));
        assertTrue(got.headers().last("X-Amzn-Trace-Id").startsWith("Root=1-"));
    }

    @Test
    void returnsStatusHeadersCookiesAndBodyAsSent() {
        backend.answer(201, headers("Content-Type", "application/json", "Set-Cookie", "a=1; Path=/",
                "Set-Cookie", "b=2; HttpOnly", "X-Multi", "x", "X-Multi", "y", "Server", "gunicorn",
                "Keep-Alive", "timeout=5"), utf8("{\"ok\":true}"));

        OutgoingResponse response = call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of());

        assertEquals(201, response.status());
        assertEquals("{\"ok\":true}", new String(response.body()));
        assertFalse(response.binary());
        assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), response.headers().all("Set-Cookie"));
        assertEquals(List.of("x", "y"), response.headers().all("X-Multi"));
        assertEquals("gunicorn", response.headers().last("x-amzn-Remapped-Server"));
        assertEquals("11", response.headers().last("x-amzn-Remapped-Content-Length"));
        assertFalse(response.headers().contains("Server"));
        assertFalse(response.headers().contains("Content-Length"));
        assertFalse(response.headers().contains("Keep-Alive"));
        assertNull(response.headers().last("Transfer-Encoding"));
    }

    @Test
    void binaryAnswerIsFlaggedBinary() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, (byte) 0xff};
        backend.answer(200, headers("Content-Type", "image/png"), png);

        OutgoingResponse response = call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of());

        assertArrayEquals(png, response.body());
        assertTrue(response.binary());
    }

    @Test
    void textOfABinaryTypeIsBinaryAndInvalidUtf8IsBinary() {
        backend.answer(200, headers("Content-Type", "application/pdf"), utf8("%PDF-1.4"));
        assertTrue(call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of()).binary());

        backend.answer(200, headers("Content-Type", "text/plain"), new byte[] {(byte) 0xc3, 0x28});
        assertTrue(call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of()).binary());
    }

    @Test
    void gzipPassesThroughCompressed() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(utf8("{\"hello\":\"world\"}"));
        }
        backend.answer(200, headers("Content-Type", "application/json", "Content-Encoding", "gzip"),
                zipped.toByteArray());
        Headers accept = new Headers().add("Accept-Encoding", "gzip");

        OutgoingResponse response = call("/", backend.url(), Map.of(),
                request("GET", "/", Map.of(), accept, new byte[0]), Map.of());

        assertEquals("gzip", backend.last().headers().last("Accept-Encoding"));
        assertArrayEquals(zipped.toByteArray(), response.body());
        assertEquals("gzip", response.headers().last("Content-Encoding"));
        assertTrue(response.binary());
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() {
        backend.answer(204, headers("X-Done", "yes"), new byte[0]);
        OutgoingResponse noContent = call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of());
        assertEquals(204, noContent.status());
        assertEquals(0, noContent.body().length);
        assertEquals("yes", noContent.headers().last("X-Done"));

        backend.answer(304, headers("ETag", "\"v1\""), new byte[0]);
        Headers conditional = new Headers().add("If-None-Match", "\"v1\"");
        OutgoingResponse notModified = call("/", backend.url(), Map.of(),
                request("GET", "/", Map.of(), conditional, new byte[0]), Map.of());
        assertEquals(304, notModified.status());
        assertEquals("\"v1\"", notModified.headers().last("ETag"));
        assertEquals("\"v1\"", backend.last().headers().last("If-None-Match"));
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        backend.answer(302, headers("Location", backend.url() + "/elsewhere"), new byte[0]);

        OutgoingResponse response = call("/", backend.url() + "/start", Map.of(), Fixtures.get("/"), Map.of());

        assertEquals(302, response.status());
        assertEquals(backend.url() + "/elsewhere", response.headers().last("Location"));
        assertEquals(1, backend.received().size());
    }

    @Test
    void backendStatusPassesThrough() {
        backend.answer(400, headers("Content-Type", "application/json"),
                utf8("{\"message\": \"\", \"status_code\": 400}"));

        OutgoingResponse response = Stages.run(PROXY, invocation("/{map+}",
                proxy(backend.url() + "/{map}", "POST", Map.of("integration.request.path.map", "method.request.path.map"), 0),
                request("POST", "/status/400", Map.of(), new Headers(), new byte[0]), Map.of("map", "status/400")));

        assertEquals(400, response.status());
        assertEquals("/status/400", backend.last().rawPath());
        assertEquals("POST", backend.last().method());
    }

    /** The recorded http-proxy-request-parameter-merge case. */
    @Test
    void mergesUriClientAndMappedQueryAndHeaders() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("integration.request.header.headerVar", "method.request.header.foobar");
        parameters.put("integration.request.path.qsVar", "method.request.querystring.testVar");
        parameters.put("integration.request.path.pathVar", "method.request.path.pathVariable");
        parameters.put("integration.request.querystring.queryString", "method.request.querystring.testQueryString");
        parameters.put("integration.request.querystring.testQs", "method.request.querystring.testQueryString");
        parameters.put("integration.request.querystring.testEmptyQs", "method.request.header.emptyheader");
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("testQueryString", List.of("foo"));
        query.put("testVar", List.of("bar"));
        Headers headers = new Headers().add("Content-Type", "application/json").add("Accept", "application/json")
                .add("foobar", "mapped-value").add("user-Agent", "test/integration").add("headerVar", "request-value");

        Stages.run(PROXY, invocation("/{pathVariable}",
                proxy(backend.url() + "?testVar={pathVar}&testQs={qsVar}", "POST", parameters, 0),
                request("POST", "/foobar", query, headers, utf8("{\"message\": \"hello world\"}")),
                Map.of("pathVariable", "foobar")));

        TestBackend.Received got = backend.last();
        assertEquals("/", got.rawPath());
        Map<String, List<String>> received = new LinkedHashMap<>();
        for (String pair : got.rawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            received.computeIfAbsent(parts[0], k -> new java.util.ArrayList<>()).add(parts[1]);
        }
        assertEquals(List.of("foo"), received.get("queryString"));
        assertEquals(List.of("bar", "foo"), received.get("testQs"));
        assertEquals(List.of("foo"), received.get("testQueryString"));
        assertEquals(List.of("foobar", "bar"), received.get("testVar"));
        assertFalse(received.containsKey("testEmptyQs"));
        assertEquals("mapped-value", got.headers().last("headerVar"));
        assertEquals(1, got.headers().all("headerVar").size());
        assertEquals("mapped-value", got.headers().last("foobar"));
        assertEquals("test/integration", got.headers().last("User-Agent"));
        assertEquals("{\"message\": \"hello world\"}", new String(got.body()));
    }

    @Test
    void stageVariablesFillTheUri() {
        PorticoSettings settings = PorticoSettings.defaults()
                .withStageVariables(Map.of("backendHost", "127.0.0.1:" + backend.port(), "version", "v2"));

        Stages.run(PROXY, invocation("/", proxy("http://${stageVariables.backendHost}/${stageVariables.version}/ping",
                "GET", Map.of(), 0), Fixtures.get("/"), Map.of(), settings));

        assertEquals("/v2/ping", backend.last().rawPath());
    }

    @Test
    void greedyPathKeepsItsSeparators() {
        Stages.run(PROXY, invocation("/files/{proxy+}", proxy(backend.url() + "/store/{proxy}", "GET",
                Map.of("integration.request.path.proxy", "method.request.path.proxy"), 0),
                Fixtures.get("/files/a/b c/d.txt"), Map.of("proxy", "a/b c/d.txt")));

        assertEquals("/store/a/b%20c/d.txt", backend.last().rawPath());
    }

    @Test
    void reusesOneConnectionAcrossInvocations() {
        for (int i = 0; i < 5; i++) {
            call("/", backend.url(), Map.of(), Fixtures.get("/"), Map.of());
        }
        assertEquals(5, backend.received().size());
    }
}
