package dev.portico.integration.http;

import static dev.portico.integration.http.Fixtures.invocation;
import static dev.portico.integration.http.Fixtures.proxy;
import static dev.portico.integration.http.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.integration.Stages;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each way a backend can fail, and API Gateway's answer for it. Every case must end well within its limit. */
class BackendFaultsTest {
    private static final Duration NEVER_HANG = Duration.ofSeconds(10);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    private static final VertxBackendClient CLIENT = new VertxBackendClient();
    private static final HttpProxyIntegration PROXY = new HttpProxyIntegration(CLIENT);

    @AfterAll
    static void stopClient() {
        CLIENT.close();
    }

    private static OutgoingResponse call(String url, String method, int timeoutMillis) {
        return assertTimeoutPreemptively(NEVER_HANG, () -> Stages.run(PROXY, invocation("/", proxy(url, "ANY", Map.of(),
                timeoutMillis), request(method, "/", Map.of(), new Headers(), new byte[0]), Map.of())));
    }

    private static GatewayException failing(String url, int timeoutMillis) {
        return assertThrows(GatewayException.class, () -> call(url, "GET", timeoutMillis));
    }

    private static void assertFailure(GatewayException e) {
        assertEquals(GatewayResponseType.INTEGRATION_FAILURE, e.type(), e.logDetail());
        assertEquals(502, e.status());
        assertEquals("Internal server error", e.getMessage());
    }

    @Test
    void slowAnswerPastTheTimeoutIs504() {
        try (TestBackend slow = new TestBackend().answer(exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestBackend.reply(exchange, 200, Map.of(), "late".getBytes());
        })) {
            GatewayException e = failing(slow.url(), 200);
            assertEquals(GatewayResponseType.INTEGRATION_TIMEOUT, e.type());
            assertEquals(504, e.status());
            assertEquals("Endpoint request timed out", e.getMessage());
        }
    }

    @Test
    void bodyThatNeverEndsIs504() throws IOException {
        try (FaultServer server = new FaultServer((socket, n) -> {
            FaultServer.awaitRequest(socket);
            FaultServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome");
            Thread.sleep(5_000);
        })) {
            assertEquals(GatewayResponseType.INTEGRATION_TIMEOUT, failing(server.url(), 300).type());
        }
    }

    @Test
    void refusedConnectionIsAnIntegrationFailure() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        assertFailure(failing("http://127.0.0.1:" + port, 2_000));
    }

    @Test
    void unknownHostIsAnIntegrationFailure() {
        assertFailure(failing("http://no-such-host.invalid", 5_000));
    }

    @Test
    void resetMidBodyIsAnIntegrationFailure() throws IOException {
        try (FaultServer server = new FaultServer((socket, n) -> {
            FaultServer.awaitRequest(socket);
            FaultServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst bytes");
            Thread.sleep(50);
            FaultServer.reset(socket);
        })) {
            assertFailure(failing(server.url(), 2_000));
        }
    }

    @Test
    void garbageAnswerIsAnIntegrationFailure() throws IOException {
        try (FaultServer server = new FaultServer((socket, n) -> {
            FaultServer.awaitRequest(socket);
            FaultServer.write(socket, "THIS IS NOT HTTP\r\n\r\n");
            Thread.sleep(100);
        })) {
            assertFailure(failing(server.url(), 2_000));
        }
    }

    @Test
    void declaredOversizeAnswerIsAnIntegrationFailure() throws IOException {
        try (FaultServer server = new FaultServer((socket, n) -> {
            FaultServer.awaitRequest(socket);
            FaultServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + (BackendRequest.MAX_ANSWER_BYTES + 1)
                    + "\r\n\r\n");
            Thread.sleep(2_000);
        })) {
            assertFailure(failing(server.url(), 5_000));
        }
    }

    @Test
    void chunkedAnswerOverTheLimitIsAnIntegrationFailure() {
        byte[] big = new byte[BackendRequest.MAX_ANSWER_BYTES + 1];
        try (TestBackend backend = new TestBackend().answer(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(big);
        })) {
            assertFailure(failing(backend.url(), 10_000));
        }
    }

    @Test
    void answerAtTheLimitIsServed() {
        byte[] limit = new byte[BackendRequest.MAX_ANSWER_BYTES];
        try (TestBackend backend = new TestBackend().answer(200, Map.of("Content-Type", List.of("application/octet-stream")),
                limit)) {
            assertEquals(limit.length, call(backend.url(), "GET", 10_000).body().length);
        }
    }

    /** A pooled connection the server dropped while idle: an idempotent request is sent again on a new one. */
    @Test
    void idempotentRequestIsRetriedOnceAfterAStaleConnection() throws IOException {
        try (FaultServer server = staleAfterFirstAnswer()) {
            assertEquals(200, call(server.url(), "GET", 2_000).status());
            assertEquals(200, call(server.url(), "GET", 2_000).status());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void nonIdempotentRequestIsNotRetried() throws IOException {
        try (FaultServer server = staleAfterFirstAnswer()) {
            assertEquals(200, call(server.url(), "POST", 2_000).status());
            GatewayException e = assertThrows(GatewayException.class, () -> call(server.url(), "POST", 2_000));
            assertFailure(e);
            assertEquals(1, server.connections());
        }
    }

    /** Answers the first request of the first connection, then resets it on the next; later connections behave. */
    private static FaultServer staleAfterFirstAnswer() {
        FaultServer[] self = new FaultServer[1];
        self[0] = new FaultServer((socket, connection) -> {
            while (self[0].readHead(socket) != null) {
                if (connection == 0 && self[0].requests() > 1) {
                    FaultServer.reset(socket);
                    return;
                }
                FaultServer.write(socket, OK);
            }
        });
        return self[0];
    }
}
