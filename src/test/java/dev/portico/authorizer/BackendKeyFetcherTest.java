package dev.portico.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.integration.http.VertxBackendClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key documents fetched over the function's backend client: each answer a key endpoint can give, and its outcome. */
class BackendKeyFetcherTest {
    private static final VertxBackendClient CLIENT = new VertxBackendClient();
    private static final AtomicInteger REDIRECT_TARGET_HITS = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong ENDLESS_BYTES_WRITTEN =
            new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.CountDownLatch ENDLESS_DONE = new java.util.concurrent.CountDownLatch(1);
    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/jwks", exchange -> reply(exchange, 200, "{\"keys\":[]}"));
        server.createContext("/gone", exchange -> reply(exchange, 404, "no such key"));
        server.createContext("/s3-missing", exchange -> reply(exchange, 403, "<Error>AccessDenied</Error>"));
        server.createContext("/broken", exchange -> reply(exchange, 500, "oops"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", url("/target"));
            reply(exchange, 302, "");
        });
        server.createContext("/target", exchange -> {
            REDIRECT_TARGET_HITS.incrementAndGet();
            reply(exchange, 200, "{}");
        });
        server.createContext("/huge", exchange -> reply(exchange, 200, "k".repeat(KeyFetcher.MAX_BYTES + 1)));
        // A chunked answer that would go on for 10 MB: the client must stop reading and drop the connection once
        // past the key limit, so the server's writes fail long before it is done.
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'k');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10 * 1024 * 1024 / chunk.length; i++) {
                    out.write(chunk);
                    out.flush();
                    ENDLESS_BYTES_WRITTEN.addAndGet(chunk.length);
                }
            } catch (IOException dropped) {
                // the client hung up: what this endpoint is for
            } finally {
                ENDLESS_DONE.countDown();
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5_000); // far past the 500 ms the slow test allows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "{}");
        });
        server.setExecutor(Executors.newCachedThreadPool()); // the slow answer holds a thread of its own
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        CLIENT.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** With the fetcher's own time limit, which no answer here comes near but the slow one's. */
    private static String fetch(String path) throws IOException {
        return new BackendKeyFetcher(CLIENT).fetch(URI.create(url(path)));
    }

    @Test
    void aDocumentIsItsBody() throws IOException {
        assertEquals("{\"keys\":[]}", fetch("/jwks"));
    }

    @Test
    void noSuchKeyIsMissingNotAnOutage() {
        assertInstanceOf(KeyFetcher.Missing.class, assertThrows(IOException.class, () -> fetch("/gone")));
        assertInstanceOf(KeyFetcher.Missing.class, assertThrows(IOException.class, () -> fetch("/s3-missing")));
    }

    @Test
    void anotherStatusIsAnOutage() {
        IOException e = assertThrows(IOException.class, () -> fetch("/broken"));
        assertFalse(e instanceof KeyFetcher.Missing);
        assertTrue(e.getMessage().contains("answered 500"), e.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() {
        IOException e = assertThrows(IOException.class, () -> fetch("/moved"));
        assertTrue(e.getMessage().contains("answered 302"), e.getMessage());
        assertEquals(0, REDIRECT_TARGET_HITS.get());
    }

    @Test
    void aDocumentPastTheLimitIsRefused() {
        IOException e = assertThrows(IOException.class, () -> fetch("/huge"));
        assertTrue(e.getMessage().contains("more than " + KeyFetcher.MAX_BYTES), e.getMessage());
    }

    @Test
    void aStreamedDocumentIsCutOffAtTheLimitNotReadToTheEnd() throws InterruptedException {
        IOException e = assertThrows(IOException.class, () -> new BackendKeyFetcher(CLIENT, 5_000)
                .fetch(URI.create(url("/endless"))));
        assertTrue(e.getMessage().contains("more than " + KeyFetcher.MAX_BYTES), e.getMessage());
        assertTrue(ENDLESS_DONE.await(10, java.util.concurrent.TimeUnit.SECONDS), "the endpoint saw the hang-up");
        // Socket buffers on both sides hold a few hundred KB at most; a client that read on would take all 10 MB.
        assertTrue(ENDLESS_BYTES_WRITTEN.get() < 4 * 1024 * 1024, ENDLESS_BYTES_WRITTEN.get() + " bytes written");
    }

    @Test
    void aSlowEndpointIsCutOffAtTheTimeout() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> new BackendKeyFetcher(CLIENT, 500).fetch(URI.create(url("/slow")))));
        assertTrue(e.getMessage().contains("/slow"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointIsAnOutage() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed + "/jwks");
        assertThrows(IOException.class, () -> new BackendKeyFetcher(CLIENT, 500).fetch(nowhere));
    }
}
