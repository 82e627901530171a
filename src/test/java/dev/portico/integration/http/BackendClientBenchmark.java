package dev.portico.integration.http;

import dev.portico.event.Headers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the backend client against the JDK HttpClient on the same job: one request at a time (as one Lambda
 * instance serves them), keep-alive, a 1 KB JSON answer from a local keep-alive server. Prints median and p99; asserts nothing.
 * Run: {@code ./mvnw -B test -Dtest=BackendClientBenchmark -Dbenchmark=true [-Dbenchmark.requests=5000]}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BackendClientBenchmark {
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 5_000);
    private static final byte[] ANSWER = ("{\"data\":\"" + "x".repeat(1_000) + "\"}").getBytes();

    interface Call {
        void run() throws Exception;
    }

    @Test
    void compareClients() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> serve(server));
        acceptor.setDaemon(true);
        acceptor.start();
        String base = "http://127.0.0.1:" + server.getLocalPort();
        try (VertxBackendClient vertx = new VertxBackendClient()) {
            BackendUri uri = BackendUri.of(base + "/bench", Map.of(), Map.of(), Set.of(),
                    List.of(Map.entry("q", "1")));
            Headers headers = new Headers().add("Accept", "application/json").add("X-Multi", "a").add("X-Multi", "b")
                    .freeze();
            BackendRequest request = new BackendRequest("GET", uri, headers, new byte[0], 29_000, false);
            Call vertxCall = () -> check(vertx.send(request).body().length);

            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(29)).build();
            HttpRequest jdkRequest = HttpRequest.newBuilder(URI.create(base + "/bench?q=1"))
                    .header("Accept", "application/json").header("X-Multi", "a").header("X-Multi", "b")
                    .timeout(Duration.ofSeconds(29)).GET().build();
            Call jdkCall = () -> check(jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofByteArray()).body().length);

            for (int round = 0; round < 2; round++) {
                report("vertx", vertxCall);
                report("jdk  ", jdkCall);
            }
        } finally {
            server.close();
        }
    }

    /**
     * A minimal keep-alive server that answers each request head with one write, so that neither client pays
     * for the server's packet pattern (com.sun.net.httpserver costs both a 40 ms delayed ACK per request).
     */
    private static void serve(ServerSocket server) {
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ANSWER.length
                + "\r\n\r\n" + new String(ANSWER, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread worker = new Thread(() -> {
                    try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                         OutputStream out = socket.getOutputStream()) {
                        int matched = 0;
                        for (int b = in.read(); b >= 0; b = in.read()) {
                            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                            if (matched == 4) {
                                out.write(response);
                                matched = 0;
                            }
                        }
                    } catch (IOException e) {
                        // client closed the connection
                    }
                });
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void check(int length) {
        if (length != ANSWER.length) {
            throw new IllegalStateException("short answer: " + length);
        }
    }

    private static void report(String name, Call call) throws Exception {
        for (int i = 0; i < Integer.getInteger("benchmark.warmup", 1_000); i++) {
            call.run();
        }
        long[] micros = new long[REQUESTS];
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        long totalMillis = (System.nanoTime() - started) / 1_000_000;
        Arrays.sort(micros);
        System.out.printf("%s requests=%d median=%dus p99=%dus max=%dus total=%dms%n", name, REQUESTS,
                micros[REQUESTS / 2], micros[(int) (REQUESTS * 0.99)], micros[REQUESTS - 1], totalMillis);
    }
}
