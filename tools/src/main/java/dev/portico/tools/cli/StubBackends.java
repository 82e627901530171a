package dev.portico.tools.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.http.BackendClient;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.emulator.LambdaInvokeApi;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backends of {@code render} and {@code test}, on 127.0.0.1: a stub HTTP server per backend origin the user
 * stubs (HTTP and HTTP_PROXY calls to that origin are sent to it by {@link #client()}, over the function's own
 * HTTP client), one per AWS service (the service's endpoint override), and Lambda's Invoke API emulator for
 * AWS_PROXY and AWS Lambda integrations. Each answers what it was given and keeps what it received. Nothing is sent
 * to a real backend: a call to an origin without a stub fails as an unreachable backend does, naming the origin.
 */
final class StubBackends implements AutoCloseable {
    /** One HTTP client for every run in this process, as the function keeps one. */
    private static VertxBackendClient sharedClient;

    /** What a stub HTTP server answers. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {}

    /**
     * What a backend received.
     *
     * @param backend the origin, {@code aws:SERVICE} or {@code lambda:FUNCTION}
     * @param target  the full URI as the gateway addressed it (HTTP), the path and query (AWS), the function name
     */
    record Received(String backend, String method, String target, List<Map.Entry<String, String>> headers,
                    byte[] body) {}

    private final Map<String, HttpServer> http = new LinkedHashMap<>();
    private final Map<String, HttpServer> aws = new LinkedHashMap<>();
    private final LambdaInvokeApi lambda;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    StubBackends() {
        try {
            lambda = LambdaInvokeApi.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers HTTP and HTTP_PROXY calls to {@code origin} ({@code https://host[:port]}). */
    void http(String origin, Answer answer) {
        String key = origin(origin);
        close(http.put(key, server(key, answer)));
    }

    /** Answers AWS integrations calling {@code service} (sqs, dynamodb, s3, ...). */
    void aws(String service, Answer answer) {
        String key = service.toLowerCase(Locale.ROOT);
        close(aws.put(key, server("aws:" + key, answer)));
    }

    /**
     * Lambda function {@code name} (as its ARN names it) returns {@code payload}, or raises it when
     * {@code errorType} is not null.
     */
    void lambda(String name, byte[] payload, String errorType) {
        lambda.register(name, event -> {
            received.add(new Received("lambda:" + name, "POST", name, List.of(), event));
            return errorType == null ? Result.success(payload) : Result.error(errorType, payload);
        }, Integer.MAX_VALUE);
    }

    /** Every request the stubs received, in order. */
    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The endpoint overrides that send AWS calls here: Lambda always, and each stubbed service. */
    Map<String, String> endpointOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("lambda", lambda.endpoint());
        aws.forEach((service, server) -> overrides.put(service, "http://127.0.0.1:" + server.getAddress().getPort()));
        return overrides;
    }

    /** The HTTP client for HTTP and HTTP_PROXY integrations: each call goes to its origin's stub. */
    BackendClient client() {
        BackendClient real = shared();
        return request -> {
            BackendUri uri = request.uri();
            String origin = (uri.tls() ? "https://" : "http://") + uri.authority().toLowerCase(Locale.ROOT);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("Host", uri.authority()));
            request.headers().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
            received.add(new Received(origin, request.method(), uri.toString(), headers, request.body()));
            HttpServer stub = http.get(origin);
            if (stub == null) {
                throw GatewayException.integrationFailure("no stub backend for " + origin + " (the integration calls "
                        + uri + "); stub it under backends.http");
            }
            BackendUri local = new BackendUri(false, "127.0.0.1", stub.getAddress().getPort(), uri.target());
            return real.send(new BackendRequest(request.method(), local, request.headers(), request.body(),
                    request.timeoutMillis(), false));
        };
    }

    private static synchronized VertxBackendClient shared() {
        if (sharedClient == null) {
            sharedClient = new VertxBackendClient();
        }
        return sharedClient;
    }

    /** {@code https://Host:443/} and {@code https://host} are one origin. */
    static String origin(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (!lower.matches("https?://[^/?#]+")) {
            throw new UserError("a backend origin is scheme://host[:port], not " + origin);
        }
        return lower.replaceFirst("^(https://[^/]+):443$", "$1").replaceFirst("^(http://[^/]+):80$", "$1");
    }

    private HttpServer server(String backend, Answer answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> answer(exchange, backend, answer));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange, String backend, Answer answer) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (backend.startsWith("aws:")) {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        values.forEach(value -> headers.add(Map.entry(name, value))));
                received.add(new Received(backend, exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()), headers, body));
            }
            answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private static void close(HttpServer server) {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public void close() {
        http.values().forEach(StubBackends::close);
        aws.values().forEach(StubBackends::close);
        lambda.close();
    }

    /** For a message: headers one per line. */
    static String lines(Headers headers) {
        StringBuilder out = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(value -> out.append(name).append(": ").append(value)
                .append('\n')));
        return out.toString();
    }

    static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
