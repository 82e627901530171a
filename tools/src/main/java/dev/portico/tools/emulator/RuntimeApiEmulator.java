package dev.portico.tools.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) for one
 * execution environment, served on 127.0.0.1. {@link #invoke} queues an event; the runtime process
 * polls {@code /invocation/next} for it and posts back a response or an error.
 */
public final class RuntimeApiEmulator implements AutoCloseable {

    /** What an invocation produced: the response payload, or an error body and its type. */
    public record Result(byte[] payload, String errorType) {
        public static Result success(byte[] payload) {
            return new Result(payload, null);
        }

        public static Result error(String errorType, byte[] body) {
            return new Result(body, errorType);
        }

        /** An error the runtime did not report itself, in Lambda's error format. */
        public static Result error(String errorType, String message) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("errorType", errorType).put("errorMessage", message);
            return error(errorType, body.toString().getBytes(StandardCharsets.UTF_8));
        }

        public boolean isError() {
            return errorType != null;
        }

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Pending(String requestId, byte[] event, CompletableFuture<Result> result) {}

    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_REPLY = Pattern.compile(RUNTIME + "/invocation/([^/]+)/(response|error)");
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every exchange.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String functionArn;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> unfinished = new ConcurrentHashMap<>();
    private volatile String lastTraceId;
    private Result terminated;

    private RuntimeApiEmulator(String functionArn, Duration timeout) throws IOException {
        this.functionArn = functionArn;
        this.timeout = timeout;
        // One thread per connection: /next long-polls, and must not hold up the other requests.
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(RUNTIME + "/", this::handleRuntimeApi);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts the API on a free port; an invocation fails if the runtime has not answered {@code timeout} after taking it. */
    public static RuntimeApiEmulator start(String functionArn, Duration timeout) throws IOException {
        return new RuntimeApiEmulator(functionArn, timeout);
    }

    /** The value for the runtime's {@code AWS_LAMBDA_RUNTIME_API} variable. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized CompletableFuture<Result> invoke(byte[] event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        if (terminated != null) {
            pending.result().complete(terminated);
        } else {
            unfinished.put(pending.requestId(), pending);
            queued.add(pending);
        }
        return pending.result();
    }

    /**
     * Ends this execution environment, e.g. after an init error or when the runtime process exited:
     * every unfinished invocation, and every later one, completes with {@code reason}.
     */
    public synchronized void terminate(Result reason) {
        if (terminated == null) {
            terminated = reason;
        }
        unfinished.values().forEach(pending -> pending.result().complete(terminated));
        unfinished.clear();
    }

    @Override
    public void close() {
        terminate(Result.error("Runtime.Closed", "The runtime API was closed"));
        server.stop(0);
        threads.shutdownNow();
    }

    private void handleRuntimeApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher reply = INVOCATION_REPLY.matcher(path);
            if (method.equals("GET") && path.equals(RUNTIME + "/invocation/next")) {
                sendNext(exchange);
            } else if (method.equals("POST") && reply.matches()) {
                completeInvocation(exchange, reply.group(1), reply.group(2).equals("error"));
            } else if (method.equals("POST") && path.equals(RUNTIME + "/init/error")) {
                terminate(Result.error(errorType(exchange), exchange.getRequestBody().readAllBytes()));
                accepted(exchange);
            } else {
                send(exchange, 404, errorJson("NotFound", method + " " + path + " is not part of the Runtime API"));
            }
        }
    }

    private void sendNext(HttpExchange exchange) throws IOException {
        Pending next;
        try {
            do {
                next = queued.take();
            } while (next.result().isDone()); // terminated while queued
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        next.result().completeOnTimeout(timedOut(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", next.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        lastTraceId = newTraceId();
        headers.set("Lambda-Runtime-Trace-Id", lastTraceId);
        send(exchange, 200, next.event());
    }

    private void completeInvocation(HttpExchange exchange, String requestId, boolean failed) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Pending pending = unfinished.remove(requestId);
        if (pending == null) {
            send(exchange, 400, errorJson("InvalidRequestID", "No invocation in progress with id " + requestId));
            return;
        }
        pending.result().complete(failed ? Result.error(errorType(exchange), body) : Result.success(body));
        accepted(exchange);
    }

    private Result timedOut() {
        String seconds = String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0);
        return Result.error("Sandbox.Timedout", "Task timed out after " + seconds + " seconds");
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isEmpty() ? "Unhandled" : type;
    }

    /** The {@code Lambda-Runtime-Trace-Id} of the latest invocation handed out, or null before the first. */
    public String lastTraceId() {
        return lastTraceId;
    }

    private static String newTraceId() {
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-%08x-%s;Parent=%s;Sampled=0".formatted(
                System.currentTimeMillis() / 1000, hex.formatHex(id), hex.formatHex(parent));
    }

    private static byte[] errorJson(String type, String message) {
        return Result.error(type, message).payload();
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
