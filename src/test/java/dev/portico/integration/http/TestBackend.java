package dev.portico.integration.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.event.Headers;
import dev.portico.tools.callers.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 and a free port that records each request and answers as told. */
final class TestBackend implements AutoCloseable {

    record Received(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {}

    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer = exchange -> reply(exchange, 200, Map.of("Content-Type", List.of("text/plain")),
            "ok".getBytes());

    TestBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Headers headers = new Headers();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers.freeze(), body));
            try {
                answer.write(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static void reply(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    TestBackend answer(Answer answer) {
        this.answer = answer;
        return this;
    }

    TestBackend answer(int status, Map<String, List<String>> headers, byte[] body) {
        return answer(exchange -> reply(exchange, status, headers, body));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
