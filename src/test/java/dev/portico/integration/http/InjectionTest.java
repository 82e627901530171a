package dev.portico.integration.http;

import static dev.portico.integration.http.Fixtures.invocation;
import static dev.portico.integration.http.Fixtures.proxy;
import static dev.portico.integration.http.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.Stages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nothing from the request can change the backend's scheme, host or port, add a path segment or split a header. */
class InjectionTest {
    private static final String URI = "http://backend.internal:8080/api/{id}/detail";
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

    private static BackendUri withId(String id) {
        return BackendUri.of(URI, Map.of(), Map.of("id", id), Set.of(), List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "..                      | /api/%2E%2E/detail",
            ".                       | /api/%2E/detail",
            "../../admin             | /api/..%2F..%2Fadmin/detail",
            "a/b                     | /api/a%2Fb/detail",
            "a%2Fb                   | /api/a%252Fb/detail",
            "user@evil.com           | /api/user%40evil.com/detail",
            "x#fragment              | /api/x%23fragment/detail",
            "x?admin=true            | /api/x%3Fadmin%3Dtrue/detail",
            "evil.com:80             | /api/evil.com%3A80/detail",
            "//evil.com/            | /api/%2F%2Fevil.com%2F/detail",
            "'a b\r\nHost: evil.com' | /api/a%20b%0D%0AHost%3A%20evil.com/detail",
            "ünï                     | /api/%C3%BCn%C3%AF/detail"})
    void pathValueStaysInsideItsSegment(String value, String expected) {
        BackendUri uri = withId(value);
        assertEquals("backend.internal", uri.host());
        assertEquals(8080, uri.port());
        assertEquals(false, uri.tls());
        assertEquals(expected, uri.target());
    }

    @Test
    void greedyPathKeepsSlashesButEncodesEachSegment() {
        BackendUri uri = BackendUri.of("https://backend.internal/{proxy}", Map.of(),
                Map.of("proxy", "a/../b/./c@d/%2F/e?f#g"), Set.of("proxy"), List.of());
        assertEquals("/a/%2E%2E/b/%2E/c%40d/%252F/e%3Ff%23g", uri.target());
        assertEquals("backend.internal", uri.host());
        assertEquals(443, uri.port());
    }

    @Test
    void queryValuesCannotAddParameters() {
        BackendUri uri = BackendUri.of("http://backend.internal/search?fixed={q}", Map.of(), Map.of("q", "x&admin=1#"),
                Set.of(), List.of(Map.entry("name&x=1", "v=2&y")));
        assertEquals("/search?fixed=x%26admin%3D1%23&name%26x%3D1=v%3D2%26y", uri.target());
    }

    @Test
    void placeholderInTheHostIsRefused() {
        GatewayException e = assertThrows(GatewayException.class, () -> BackendUri.of("http://{host}/x", Map.of(),
                Map.of("host", "evil.com"), Set.of(), List.of()));
        assertEquals(500, e.status());
    }

    @Test
    void onlyHttpAndHttpsAreBackends() {
        assertThrows(GatewayException.class,
                () -> BackendUri.of("file:///etc/passwd", Map.of(), Map.of(), Set.of(), List.of()));
    }

    @Test
    void theBackendReceivesExactlyTheEncodedPathOnItsOwnHost() {
        Stages.run(PROXY, invocation("/items/{id}", proxy(backend.url() + "/api/{id}", "GET",
                Map.of("integration.request.path.id", "method.request.path.id"), 0),
                request("GET", "/items/x", Map.of("q", List.of("1&admin=true")), new Headers(), new byte[0]),
                Map.of("id", "x/secret?x=1#y")));

        assertEquals("/api/x%2Fsecret%3Fx%3D1%23y", backend.last().rawPath());
        assertEquals("q=1%26admin%3Dtrue", backend.last().rawQuery());
        assertEquals("127.0.0.1:" + backend.port(), backend.last().headers().last("Host"));
    }

    @Test
    void dotSegmentsInPathParametersAreRefusedAndNeverSent() {
        for (String value : List.of("..", ".", "../secret", "a/../../admin", "a\\..\\b")) {
            GatewayException e = assertThrows(GatewayException.class, () -> Stages.run(PROXY, invocation("/items/{id}",
                    proxy(backend.url() + "/api/{id}", "GET", Map.of("integration.request.path.id", "method.request.path.id"), 0),
                    request("GET", "/items/x", Map.of(), new Headers(), new byte[0]), Map.of("id", value))), value);
            assertEquals(400, e.status(), value);
        }
        assertTrue(backend.received().isEmpty());
        Stages.run(PROXY, invocation("/items/{id}", proxy(backend.url() + "/api/{id}", "GET",
                Map.of("integration.request.path.id", "method.request.path.id"), 0),
                request("GET", "/items/x", Map.of(), new Headers(), new byte[0]), Map.of("id", "a..b/...")));
        assertEquals("/api/a..b%2F...", backend.last().rawPath());
    }

    @Test
    void headerValueWithCrLfIsRefusedAndNeverSent() {
        Headers headers = new Headers().add("X-Note", "fine\r\nX-Injected: yes");
        GatewayException e = assertThrows(GatewayException.class, () -> Stages.run(PROXY, invocation("/", proxy(backend.url(),
                "GET", Map.of(), 0), request("GET", "/", Map.of(), headers, new byte[0]), Map.of())));
        assertEquals(400, e.status());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void mappedHeaderWithLineFeedIsRefusedAndNeverSent() {
        Headers headers = new Headers().add("X-Source", "a\nb");
        GatewayException e = assertThrows(GatewayException.class, () -> Stages.run(PROXY, invocation("/", proxy(backend.url(),
                "GET", Map.of("integration.request.header.X-Target", "method.request.header.X-Source"), 0),
                request("GET", "/", Map.of(), headers, new byte[0]), Map.of())));
        assertEquals(400, e.status());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void clientHostHeaderNeverReachesTheBackend() {
        Headers headers = new Headers().add("Host", "evil.com").add("X-Forwarded-Host", "kept.example");
        Stages.run(PROXY, invocation("/", proxy(backend.url(), "GET", Map.of(), 0),
                request("GET", "/", Map.of(), headers, new byte[0]), Map.of()));
        assertEquals("127.0.0.1:" + backend.port(), backend.last().headers().last("Host"));
        assertEquals(1, backend.last().headers().all("Host").size());
    }

    @Test
    void invalidClientMethodIsRefused() {
        assertThrows(GatewayException.class, () -> Stages.run(PROXY, invocation("/", proxy(backend.url(), null, Map.of(), 0),
                request("GET / HTTP/1.1\r\nX:", "/", Map.of(), new Headers(), new byte[0]), Map.of())));
        assertTrue(backend.received().isEmpty());
    }
}
