package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) for the {@code lambda} backend.
 * It answers the case's {@code returns} payload, or a function error for {@code raises} (HTTP 200,
 * {@code X-Amz-Function-Error: Unhandled}, {@code {"errorMessage", "errorType"}}, as Lambda does), or picks one of
 * {@code answers} by the event's {@code answerByEventField}, or the body of {@code respond}. A lambda backend with none of
 * these must not be invoked.
 */
final class LambdaBackend implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    /** "TypeError: message" as a Python runtime reports an exception. */
    private static final Pattern TYPED_MESSAGE = Pattern.compile("^([A-Za-z_][\\w.]*): (.*)$", Pattern.DOTALL);

    private final StubServer server;
    private final List<RecordedRequest> invocations = new CopyOnWriteArrayList<>();
    private volatile ObjectNode spec = CaseFile.JSON.createObjectNode();

    LambdaBackend() throws IOException {
        server = new StubServer(this::answer);
    }

    /** The endpoint to give Portico as the {@code lambda} endpoint override (no trailing slash). */
    String url() {
        return server.url().substring(0, server.url().length() - 1);
    }

    void reset(ObjectNode backend) {
        spec = backend;
        invocations.clear();
    }

    /** The invocations received since the last reset (the body is the event). */
    List<RecordedRequest> invocations() {
        return List.copyOf(invocations);
    }

    /** Whether this backend spec describes a function that may be invoked at all. */
    static boolean invocable(JsonNode backend) {
        return backend.has("returns") || backend.has("raises") || backend.has("answers") || backend.has("respond");
    }

    private void answer(HttpExchange exchange, RecordedRequest request) throws IOException {
        invocations.add(request);
        Matcher invoke = INVOKE.matcher(request.path());
        if (!request.method().equals("POST") || !invoke.matches()) {
            send(exchange, 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                    error("Function not found: " + request.path(), "ResourceNotFoundException"));
            return;
        }
        JsonNode behaviour = behaviour(spec, request);
        if (behaviour.has("returns")) {
            send(exchange, 200, Map.of(), behaviour.get("returns"));
        } else if (behaviour.has("respond")) {
            // A few cases describe the function's answer like an HTTP stub's: its body is the payload returned.
            send(exchange, 200, Map.of(), CaseFile.JSON.readTree(behaviour.path("respond").path("body").asText("null")));
        } else if (behaviour.has("raises")) {
            send(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"), raised(behaviour.get("raises")));
        } else {
            send(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"),
                    error("conformance: this function must not be invoked", "Exception"));
        }
    }

    /** The spec itself, or the entry of {@code answers} chosen by the event field {@code answerByEventField}. */
    private static JsonNode behaviour(JsonNode backend, RecordedRequest request) throws IOException {
        if (!backend.has("answers")) {
            return backend;
        }
        String field = backend.path("answerByEventField").asText();
        String key = CaseFile.JSON.readTree(request.body()).path(field).asText();
        JsonNode chosen = backend.path("answers").get(key);
        return chosen != null ? chosen
                : CaseFile.JSON.createObjectNode().put("raises", "conformance: no answer for " + field + "=" + key);
    }

    private static JsonNode raised(JsonNode raises) {
        if (raises.isObject()) {
            return raises;
        }
        Matcher typed = TYPED_MESSAGE.matcher(raises.asText());
        return typed.matches() ? error(typed.group(2), typed.group(1)) : error(raises.asText(), "Exception");
    }

    private static JsonNode error(String message, String type) {
        return CaseFile.JSON.createObjectNode().put("errorMessage", message).put("errorType", type);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, JsonNode payload)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        StubServer.send(exchange, status, headers, CaseFile.JSON.writeValueAsBytes(payload));
    }

    @Override
    public void close() {
        server.close();
    }
}
