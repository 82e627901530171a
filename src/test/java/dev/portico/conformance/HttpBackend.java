package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code {BACKEND_URL}} stub: http-fixed, http-record (answer the case's {@code respond}, optionally after
 * {@code delayMs}), http-echo-json and http-echo-body. Every request is recorded, whatever the kind, so that a
 * case whose backend must not be called can tell.
 */
final class HttpBackend implements AutoCloseable {
    private final StubServer server;
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private volatile ObjectNode spec = CaseFile.JSON.createObjectNode();

    HttpBackend() throws IOException {
        server = new StubServer(this::answer);
    }

    String url() {
        return server.url();
    }

    /** Serves the given backend spec from now on and forgets what was received. */
    void reset(ObjectNode backend) {
        spec = backend;
        received.clear();
    }

    List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    private void answer(HttpExchange exchange, RecordedRequest request) throws Exception {
        received.add(request);
        ObjectNode backend = spec;
        Thread.sleep(backend.path("delayMs").asLong(0));
        Map<String, String> json = Map.of("Content-Type", "application/json");
        switch (backend.path("kind").asText()) {
            case "http-echo-json" -> {
                ObjectNode echo = CaseFile.JSON.createObjectNode();
                echo.set("json", parseOrNull(request.bodyText()));
                StubServer.send(exchange, 200, json, CaseFile.JSON.writeValueAsBytes(echo));
            }
            case "http-echo-body" -> StubServer.send(exchange, 200, json, request.body());
            default -> {
                JsonNode respond = backend.path("respond");
                Map<String, String> headers = new LinkedHashMap<>();
                respond.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                StubServer.send(exchange, respond.path("status").asInt(200), headers,
                        respond.path("body").asText("").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static JsonNode parseOrNull(String body) {
        try {
            JsonNode parsed = CaseFile.JSON.readTree(body);
            return parsed == null || parsed.isMissingNode() ? null : parsed;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
