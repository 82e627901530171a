package dev.portico.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.tools.callers.HeaderList;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local HTTP server on 127.0.0.1 and a free port, answering every path with one handler. */
final class StubServer implements AutoCloseable {
    interface Handler {
        void handle(HttpExchange exchange, RecordedRequest request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    StubServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conformance-stub");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange, record(exchange));
            } catch (Exception e) {
                byte[] message = ("stub failure: " + e).getBytes();
                exchange.sendResponseHeaders(500, message.length);
                exchange.getResponseBody().write(message);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/} (with the slash, so that "{BACKEND_URL}{map}" templates form a path). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        HeaderList headers = new HeaderList();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            header.getValue().forEach(value -> headers.add(header.getKey(), value));
        }
        String query = exchange.getRequestURI().getRawQuery();
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                query == null ? "" : query, headers, exchange.getRequestBody().readAllBytes());
    }

    /** Sends a complete answer; an empty body is sent with Content-Length 0, never chunked. */
    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
