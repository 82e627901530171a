package dev.portico.tools.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.config.Configuration;
import dev.portico.apikey.ApiKeys;
import dev.portico.authorizer.AuthorizerOptions;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.AccessLogFormat;
import dev.portico.observability.Observability;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTableLoader;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.FileRouteSource;
import dev.portico.route.source.LiveRouteTable;
import dev.portico.route.source.RouteSource;
import dev.portico.route.source.RouteTableUnavailableException;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code portico serve}: an HTTP server on 127.0.0.1 that turns each request into the event the chosen caller would
 * send, hands it to {@link Portico#handle} (the Lambda's own code, in this process) and writes the answer back the
 * way that caller would. In the ALB formats the ALB's limits for Lambda targets apply before the function is
 * called, so that what works here works deployed (ELB guide, "Lambda functions as targets" and "HTTP header
 * limits"): a body over 1 MB is refused with 413, a request line or single header over 16 KB with 400, all
 * request headers over 64 KB with 431; an answer over 1 MB, or one an ALB cannot read, becomes 502.
 */
public final class LocalServer implements AutoCloseable {
    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_ANSWER = 1024 * 1024;
    static final int MAX_REQUEST_LINE = 16 * 1024;
    static final int MAX_HEADER = 16 * 1024;
    static final int MAX_HEADERS = 64 * 1024;
    /** The server writes these itself from the body it sends. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    private final Supplier<RouteTable> routes;
    private final UnaryOperator<byte[]> function;
    private final EventFormat format;
    private final String stage;
    private final PrintStream accessLog;
    private final boolean functionLogs;
    private final PrintStream messages;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    private LocalServer(Supplier<RouteTable> routes, UnaryOperator<byte[]> function, boolean functionLogs,
                        EventFormat format, String stage, int port, PrintStream accessLog, PrintStream messages)
            throws IOException {
        this.routes = routes;
        this.function = function;
        this.functionLogs = functionLogs;
        this.format = format;
        this.stage = stage;
        this.accessLog = accessLog;
        this.messages = messages;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::exchange);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Loads the route file and starts serving it on 127.0.0.1. The file is served as the function serves one
     * ({@code LiveRouteTable} over a {@code FileRouteSource}): each request sees the file's latest version, and a
     * version that does not load keeps the previous table, its problems on {@code messages}.
     *
     * <p>Each request the function answers is logged by the function's own access log, in API Gateway's CLF
     * preset; a request the load balancer answers itself (refused before the function, or 502 for an answer it
     * could not read) gets a line of the server's own in the same shape.
     *
     * @param enforcedUpstream access control enforced in front of the function, as {@code check} takes it
     * @param port             0 for a free port
     * @param accessLog        one line per request
     * @param messages         reloads, their problems, and answers the caller would refuse
     * @throws RouteTableUnavailableException when the file does not load
     */
    public static LocalServer start(Path routeFile, EventFormat format, PorticoSettings settings,
                                    Set<String> enforcedUpstream, int port, PrintStream accessLog,
                                    PrintStream messages) throws IOException {
        return start(routeFile, format, settings, enforcedUpstream, port,
                new Observability(AccessLogFormat.compile("CLF"), null, null, accessLog::println), accessLog,
                messages);
    }

    /**
     * As above, with the function's access log, metrics and tracing as {@code observability} says
     * ({@code Configuration.observability}, the {@code portico.access-log.*} settings the function reads).
     */
    public static LocalServer start(Path routeFile, EventFormat format, PorticoSettings settings,
                                    Set<String> enforcedUpstream, int port, Observability observability,
                                    PrintStream accessLog, PrintStream messages) throws IOException {
        return start(routeFile, format, settings, enforcedUpstream, port, observability, AuthorizerOptions.defaults(),
                ApiKeys.none(), accessLog, messages);
    }

    /**
     * As above, with identities verified as {@code authorizerOptions} says ({@code Configuration.authorizerOptions},
     * the {@code portico.alb-oidc.*} and {@code portico.cognito.*} settings the function reads) and the API key
     * stage the function would build ({@code Configuration.apiKeys}).
     */
    public static LocalServer start(Path routeFile, EventFormat format, PorticoSettings settings,
                                    Set<String> enforcedUpstream, int port, Observability observability,
                                    AuthorizerOptions authorizerOptions, ApiKeys apiKeys, PrintStream accessLog,
                                    PrintStream messages) throws IOException {
        return start(routeFile, format, settings.stage(),
                RouteTables.loader(enforcedUpstream, Configuration.importVariables(settings)),
                routes -> new Portico(ApiRouter.single(routes, settings), Integrations.standard(settings), settings,
                        observability, authorizerOptions, apiKeys)::handle,
                observability.accessLog() != null, port, accessLog, messages);
    }

    /**
     * Serves several APIs through API mappings, as the function does with {@code portico.api-mappings}: the
     * router's APIs, each with its own live table (built by the caller, such as with {@link #reloads(PrintStream)}
     * as reporter), its mappings choosing one per request.
     */
    public static LocalServer start(ApiRouter router, EventFormat format, PorticoSettings settings, int port,
                                    Observability observability, PrintStream accessLog, PrintStream messages)
            throws IOException {
        return start(router, format, settings, port, observability, AuthorizerOptions.defaults(), ApiKeys.none(),
                accessLog, messages);
    }

    /** As above, with identities verified as {@code authorizerOptions} says and the API key stage {@code apiKeys}. */
    public static LocalServer start(ApiRouter router, EventFormat format, PorticoSettings settings, int port,
                                    Observability observability, AuthorizerOptions authorizerOptions,
                                    ApiKeys apiKeys, PrintStream accessLog, PrintStream messages) throws IOException {
        Portico portico = new Portico(router, Integrations.standard(settings), settings, observability,
                authorizerOptions, apiKeys);
        return new LocalServer(null, portico::handle, observability.accessLog() != null, format, settings.stage(),
                port, accessLog, messages);
    }

    /**
     * Reports on {@code messages} each table that starts being served after the first, and each load that fails,
     * naming its source: one API's table that does not load leaves the others serving, so it is said at once.
     */
    public static LiveRouteTable.Reporter reloads(PrintStream messages) {
        return new LiveRouteTable.Reporter() {
            private final Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

            @Override
            public void serving(RouteSource source, RouteSource.Snapshot next) {
                if (!loaded.add(source.describe())) {
                    messages.println("[portico] reloaded " + source.describe() + ": " + next.table().routes().size()
                            + " routes");
                }
            }

            @Override
            public void failed(RouteSource source, RuntimeException failure, RouteSource.Snapshot kept) {
                messages.println("[portico] " + (kept != null ? "kept the previous routes of " + source.describe()
                        + "; " : "") + failure.getMessage());
            }
        };
    }

    /** @param function the function to call, given the route table it is to serve */
    static LocalServer start(Path routeFile, EventFormat format, String stage,
                             Function<Supplier<RouteTable>, UnaryOperator<byte[]>> function, int port,
                             PrintStream accessLog, PrintStream messages) throws IOException {
        return start(routeFile, format, stage, RouteTables.loader(), function, false, port, accessLog, messages);
    }

    private static LocalServer start(Path routeFile, EventFormat format, String stage, RouteTableLoader loader,
                                     Function<Supplier<RouteTable>, UnaryOperator<byte[]>> function,
                                     boolean functionLogs, int port, PrintStream accessLog, PrintStream messages)
            throws IOException {
        LiveRouteTable routes = new LiveRouteTable(new FileRouteSource(routeFile, loader::load), Duration.ZERO,
                reloads(routeFile, messages));
        routes.get();
        return new LocalServer(routes, function.apply(routes), functionLogs, format, stage, port, accessLog,
                messages);
    }

    /** Reports reloads after the first load; a first load that fails is the caller's to report. */
    private static LiveRouteTable.Reporter reloads(Path file, PrintStream messages) {
        return new LiveRouteTable.Reporter() {
            private boolean loaded;

            @Override
            public void serving(RouteSource source, RouteSource.Snapshot next) {
                if (loaded) {
                    messages.println("[portico] reloaded " + file + ": " + next.table().routes().size() + " routes");
                }
                loaded = true;
            }

            @Override
            public void failed(RouteSource source, RuntimeException failure, RouteSource.Snapshot kept) {
                if (kept != null) {
                    messages.println("[portico] kept the previous routes; " + failure.getMessage());
                }
            }
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ZonedDateTime received = ZonedDateTime.now(ZoneOffset.UTC);
        Reply reply;
        try {
            reply = reply(exchange, requestId);
        } catch (IOException | RuntimeException e) {
            messages.printf("[portico] %s: %s%n", requestId, e);
            reply = Reply.alb(502, "Bad Gateway");
        }
        long length;
        try {
            length = send(exchange, reply);
        } finally {
            exchange.close();
        }
        if (functionLogs && reply.fromFunction()) {
            return; // the function's own access log has the line
        }
        accessLog.printf("%s - - [%s]\"%s %s %s\" %d %d %s -%n", exchange.getRemoteAddress().getAddress()
                        .getHostAddress(), ContextVariables.REQUEST_TIME.format(received), exchange.getRequestMethod(),
                resourcePath(exchange), exchange.getProtocol(), reply.status(), length, requestId);
    }

    private Reply reply(HttpExchange exchange, String requestId) throws IOException {
        HeaderList headers = new HeaderList();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        Reply refused = format.isAlb() ? checkHeaderLimits(exchange, headers) : null;
        if (refused != null) {
            return refused;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (format.isAlb() && body.length > MAX_BODY) {
            return Reply.alb(413, "Request Entity Too Large");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ClientRequest request = new ClientRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                rawQuery == null ? "" : rawQuery, headers, body.length == 0 ? null : body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        byte[] answer = function.apply(CallerEvents.build(format, request, stage, requestId));
        if (format.isAlb() && answer.length > MAX_ANSWER) {
            messages.printf("[portico] %s: the answer has %d bytes; an ALB refuses more than %d with 502%n",
                    requestId, answer.length, MAX_ANSWER);
            return Reply.alb(502, "Bad Gateway");
        }
        Answer decoded = AnswerDecoder.decode(answer, format);
        if (!decoded.shapeProblems().isEmpty()) {
            messages.printf("[portico] %s: the answer breaks the %s response format: %s%n", requestId,
                    format.label(), decoded.shapeProblems());
            if (format.isAlb()) {
                return Reply.alb(502, "Bad Gateway");
            }
        }
        return new Reply(decoded.status(), decoded.headers(), decoded.body(), true);
    }

    /** The limits an ALB applies to the request line and headers, measured as they travel (CRLF included). */
    private static Reply checkHeaderLimits(HttpExchange exchange, HeaderList headers) {
        String requestLine = exchange.getRequestMethod() + " " + exchange.getRequestURI().toString() + " "
                + exchange.getProtocol();
        if (requestLine.length() + 2 > MAX_REQUEST_LINE) {
            return Reply.alb(400, "Bad Request");
        }
        long total = 0;
        for (Map.Entry<String, String> header : headers.entries()) {
            int size = header.getKey().length() + 2 + header.getValue().length() + 2;
            if (size > MAX_HEADER) {
                return Reply.alb(400, "Bad Request");
            }
            total += size;
        }
        return total > MAX_HEADERS ? Reply.alb(431, "Request Header Fields Too Large") : null;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** @return the number of body bytes sent */
    private static long send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().entries().stream()
                .filter(header -> !HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT)))
                .forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        boolean noBody = reply.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (noBody) {
            return 0;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
        return reply.body().length;
    }

    /** The matched route's resource path, as {@code $context.resourcePath} logs it, else the request path. */
    private String resourcePath(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (routes == null) {
            return path; // several APIs: the load balancer's own answers do not say which
        }
        return routes.get().match(exchange.getRequestMethod(), path)
                .map(match -> match.route().resourcePath()).orElse(path);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** @param fromFunction the function's answer, passed on; false for one the load balancer gives itself */
    private record Reply(int status, HeaderList headers, byte[] body, boolean fromFunction) {
        /** An answer the load balancer itself gives, with the HTML page and Server header an ALB sends. */
        static Reply alb(int status, String reason) {
            String title = status + " " + reason;
            String page = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                    + "</h1></center>\r\n</body>\r\n</html>\r\n";
            HeaderList headers = new HeaderList().add("Server", "awselb/2.0").add("Content-Type", "text/html");
            return new Reply(status, headers, page.getBytes(StandardCharsets.US_ASCII), false);
        }
    }
}
