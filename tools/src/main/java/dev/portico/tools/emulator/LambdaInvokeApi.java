package dev.portico.tools.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1, in front of
 * functions running under a Lambda runtime, as {@code sam local start-lambda} does: each name maps to a
 * running function. The function may be named by name, ARN, or ARN with a qualifier. A function given a
 * concurrency limit answers 429 TooManyRequestsException beyond it, as Lambda does when it throttles.
 */
public final class LambdaInvokeApi implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private record Registered(Function<byte[], Result> function, Semaphore concurrency) {}

    private final Map<String, Registered> functions = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;

    private LambdaInvokeApi() throws IOException {
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-invoke-api");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static LambdaInvokeApi start() throws IOException {
        return new LambdaInvokeApi();
    }

    /** The endpoint to give a Lambda client: {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code name} with a packaged function; invocations wait their turn, as on one environment. */
    public LambdaInvokeApi register(String name, PackagedFunction function) {
        return register(name, function::invoke, Integer.MAX_VALUE);
    }

    /** Serves {@code name}; beyond {@code maxConcurrency} invocations at once, Lambda's throttle answer. */
    public LambdaInvokeApi register(String name, Function<byte[], Result> function, int maxConcurrency) {
        functions.put(name, new Registered(function, new Semaphore(maxConcurrency)));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !m.matches()) {
                error(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestURI());
                return;
            }
            String requested = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            Registered registered = functions.get(functionName(requested));
            byte[] event = exchange.getRequestBody().readAllBytes();
            if (registered == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + requested);
                return;
            }
            if (!registered.concurrency().tryAcquire()) {
                error(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
                return;
            }
            Result result;
            try {
                result = registered.function().apply(event);
            } catch (RuntimeException e) {
                error(exchange, 502, "ServiceException", "The function could not be run: " + e);
                return;
            } finally {
                registered.concurrency().release();
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            if (result.isError()) {
                // Lambda reports every function error, timeouts included, as "Unhandled" with a 200.
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            }
            send(exchange, "Event".equals(type) ? 202 : 200, "Event".equals(type) ? new byte[0] : result.payload());
        }
    }

    /** {@code name}, {@code arn:aws:lambda:REGION:ACCOUNT:function:name[:qualifier]} or {@code name:qualifier}. */
    static String functionName(String requested) {
        String[] parts = requested.split(":");
        if (requested.startsWith("arn:") && parts.length >= 7) {
            return parts[6];
        }
        return parts[0];
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        String body = "{\"Type\":\"User\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
