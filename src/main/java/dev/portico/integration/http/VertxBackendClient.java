package dev.portico.integration.http;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link BackendClient} on the Vert.x HTTP client (the one under quarkus-rest-client): it sends bytes and
 * repeated headers as given, lets the caller set Host, and keeps one keep-alive pool for the life of the
 * function. Lambda freezes the process between invocations, so idle connections expire after a few seconds
 * and an idempotent request that fails on a reused connection before any answer is sent once more.
 * Usable without CDI: on a Vert.x instance it is given (Quarkus's, in the function), or on one of its own.
 */
public final class VertxBackendClient implements BackendClient, AutoCloseable {
    private static final int IDLE_SECONDS = 4;
    private static final int POOL_SIZE = 16;
    private static final int WARM_UP_MILLIS = 2000;
    private static final byte[] WARM_UP_ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private record Clients(Vertx vertx, HttpClient verifying, HttpClient insecure) {}

    /** Failed before any answer on a connection that had carried an earlier exchange: likely gone stale. */
    private static final class StaleConnection extends Exception {
        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    private static final class Oversize extends Exception {
        Oversize(String message) {
            super(message, null, false, false);
        }
    }

    private final Set<HttpConnection> usedConnections = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private volatile Clients clients;

    /** Why an exchange left no usable answer; {@link #send} turns each into API Gateway's error. */
    public enum Failure {
        /** No complete answer within the request's time limit. */
        TIMEOUT,
        /** The answer declared or sent more than the request's {@link BackendRequest#maxAnswerBytes()}. */
        TOO_LARGE,
        /** No connection, or it broke before a complete answer. */
        UNREACHABLE
    }

    /** An exchange that left no usable answer; {@link #kind()} says why. No stack trace: it is an outcome. */
    public static final class ExchangeFailed extends Exception {
        private final Failure kind;

        ExchangeFailed(Failure kind, String message, Throwable cause) {
            super(message, cause, false, false);
            this.kind = kind;
        }

        public Failure kind() {
            return kind;
        }
    }

    private final Supplier<Vertx> vertx;
    private final boolean ownsVertx;

    /** Starts a Vert.x instance of its own on the first request: for the dev tools and tests, which have no Quarkus. */
    public VertxBackendClient() {
        this.vertx = VertxBackendClient::ownVertx;
        this.ownsVertx = true;
    }

    /**
     * Runs on {@code vertx}, which the caller owns: in the function, Quarkus's instance, so that one event loop and
     * one set of threads serve HTTP integrations, AWS calls and the REST client (project issue #20). The client's
     * own pools are still made on the first request, so APIs without HTTP or AWS routes pay nothing for them.
     */
    public VertxBackendClient(Vertx vertx) {
        this(() -> vertx);
    }

    /**
     * Runs on the Vert.x instance {@code vertx} gives at the first request (or {@link #warmUp}), which the caller
     * owns: in the function, Quarkus's instance, looked up only then, so that a start whose table calls no
     * backend never makes its event loop (project issue #20).
     */
    public VertxBackendClient(Supplier<Vertx> vertx) {
        this.vertx = vertx;
        this.ownsVertx = false;
    }

    /**
     * Makes the client's pools and sends one request to a server of its own on 127.0.0.1, which answers and closes:
     * the classes and code of an exchange are loaded before the first backend call needs them. For a thread of its
     * own at start; it touches nothing outside the process, and a failure only leaves the work to the first request.
     *
     * @return whether the exchange was answered
     */
    public boolean warmUp() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(WARM_UP_MILLIS);
            Thread answering = Thread.ofPlatform().daemon().name("portico-warm-up-server").start(() -> answerOnce(server));
            BackendResponse response = send(new BackendRequest("GET",
                    new BackendUri(false, "127.0.0.1", server.getLocalPort(), "/"), new Headers().freeze(), new byte[0],
                    WARM_UP_MILLIS, false));
            answering.join(WARM_UP_MILLIS);
            return response.status() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(WARM_UP_MILLIS);
            InputStream in = socket.getInputStream();
            int matched = 0;
            // the request has no body: it ends at its blank line
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            OutputStream out = socket.getOutputStream();
            out.write(WARM_UP_ANSWER);
            out.flush();
        } catch (IOException e) {
            // the client's side then fails; warm-up is best effort
        }
    }

    @Override
    public BackendResponse send(BackendRequest request) {
        try {
            return exchange(() -> request, request.timeoutMillis(), IDEMPOTENT.contains(request.method()));
        } catch (ExchangeFailed e) {
            throw switch (e.kind()) {
                case TIMEOUT -> timeout(request);
                case TOO_LARGE -> GatewayException.integrationFailure(request.method() + " " + request.uri()
                        + ": answer too large (" + e.getMessage() + ")");
                case UNREACHABLE -> GatewayException.integrationFailure(request.method() + " " + request.uri()
                        + ": " + e.getMessage());
            };
        }
    }

    /**
     * Sends the request {@code attempt} builds and reads the whole answer, all within {@code timeoutMillis}. When the
     * exchange fails before any answer on a connection that had carried an earlier one (most likely closed by the
     * other side while the function was frozen), and {@code retry} allows it, {@code attempt} is asked for the request
     * once more and that is sent on another connection: a signed request is thus signed anew for its second attempt.
     *
     * @throws ExchangeFailed when no usable answer came
     */
    public BackendResponse exchange(Supplier<BackendRequest> attempt, int timeoutMillis, boolean retry)
            throws ExchangeFailed {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            return attempt(attempt.get(), deadline);
        } catch (StaleConnection stale) {
            if (!retry) {
                throw unreachable(stale.getCause());
            }
            try {
                return attempt(attempt.get(), deadline);
            } catch (StaleConnection again) {
                throw unreachable(again.getCause());
            }
        }
    }

    private BackendResponse attempt(BackendRequest request, long deadline) throws StaleConnection, ExchangeFailed {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
            throw new ExchangeFailed(Failure.TIMEOUT, "no time left", null);
        }
        Clients both = clients();
        HttpClient client = request.insecure() ? both.insecure() : both.verifying();
        CompletableFuture<BackendResponse> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();

        client.request(options(request, remainingMillis)).onComplete(acquired -> {
            if (acquired.failed()) {
                result.completeExceptionally(acquired.cause());
                return;
            }
            HttpClientRequest outgoing = acquired.result();
            sent.set(outgoing);
            if (result.isDone()) {
                outgoing.reset();
                return;
            }
            // Straight into the request's own headers: given in the options, Vert.x would copy them in from there.
            MultiMap wire = outgoing.headers();
            request.headers().forEach(wire::add);
            wire.set(HttpHeaders.HOST, request.uri().authority());
            // A reset on timeout or oversize is this client's own doing; the caller has its outcome already.
            outgoing.exceptionHandler(ignored -> { });
            boolean reused = usedConnections.contains(outgoing.connection());
            // The failure reaches the caller through the response; without this Vert.x also logs it as an error.
            outgoing.connection().exceptionHandler(ignored -> { });
            outgoing.response().onComplete(answered -> {
                if (answered.succeeded()) {
                    read(answered.result(), outgoing, result, request.maxAnswerBytes());
                } else {
                    result.completeExceptionally(reused ? new StaleConnection(answered.cause()) : answered.cause());
                }
            });
            if (request.body().length == 0) {
                outgoing.end();
            } else {
                // Wrapped, not copied: the request's bytes are not touched again until the exchange ends.
                outgoing.end(Buffer.buffer(Unpooled.wrappedBuffer(request.body())));
            }
        });

        try {
            return result.get(remainingMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.completeExceptionally(e);
            abort(sent.get());
            throw new ExchangeFailed(Failure.TIMEOUT, "no complete answer in time", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(sent.get());
            throw new ExchangeFailed(Failure.UNREACHABLE, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StaleConnection stale) {
                throw stale;
            }
            // Vert.x's own connect timeout covers the TLS handshake too: a handshake that stalls is a timeout (504).
            if (e.getCause() instanceof ConnectTimeoutException || e.getCause() instanceof TimeoutException) {
                throw new ExchangeFailed(Failure.TIMEOUT, "connect timed out", e.getCause());
            }
            if (e.getCause() instanceof Oversize oversize) {
                throw new ExchangeFailed(Failure.TOO_LARGE, oversize.getMessage(), null);
            }
            throw unreachable(e.getCause());
        }
    }

    private static ExchangeFailed unreachable(Throwable cause) {
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof UnknownHostException ? "unknown host"
                : String.valueOf(cause);
        return new ExchangeFailed(Failure.UNREACHABLE, why, cause);
    }

    private void read(HttpClientResponse response, HttpClientRequest outgoing,
                      CompletableFuture<BackendResponse> result, int maxBytes) {
        response.exceptionHandler(result::completeExceptionally);
        long declared = declaredLength(response);
        if (declared > maxBytes) {
            result.completeExceptionally(new Oversize("declares Content-Length " + declared + ", more than "
                    + maxBytes + " bytes"));
            outgoing.reset();
            return;
        }
        BodyBytes body = new BodyBytes(declared);
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                result.completeExceptionally(new Oversize("sent more than " + maxBytes + " bytes"));
                outgoing.reset();
                return;
            }
            body.append(chunk);
        });
        response.endHandler(done -> {
            usedConnections.add(outgoing.connection());
            BackendResponse answer = new BackendResponse(response.statusCode(), headers(response.headers()), body.bytes());
            // Completed on the event loop's next turn, after Vert.x has put the connection back in the pool: the
            // caller's next request then reuses it rather than racing the recycling and opening another.
            Vertx.currentContext().runOnContext(next -> result.complete(answer));
        });
    }

    /**
     * The answer's body, gathered once: straight into an array of the declared length when the backend declared one
     * (no growing buffer, no copy at the end), else into a growing buffer.
     */
    private static final class BodyBytes {
        private byte[] exact;
        private Buffer growing;
        private int length;

        BodyBytes(long declared) {
            if (declared >= 0) {
                exact = new byte[(int) declared];
            }
        }

        int length() {
            return length;
        }

        void append(Buffer chunk) {
            int size = chunk.length();
            if (exact != null && length + size <= exact.length) {
                chunk.getBytes(0, size, exact, length);
            } else {
                if (growing == null) {
                    growing = Buffer.buffer(Math.max(256, length + size));
                    if (exact != null) {
                        growing.appendBytes(exact, 0, length);
                        exact = null;
                    }
                }
                growing.appendBuffer(chunk);
            }
            length += size;
        }

        byte[] bytes() {
            if (exact != null) {
                return length == exact.length ? exact : java.util.Arrays.copyOf(exact, length);
            }
            return growing == null ? new byte[0] : growing.getBytes();
        }
    }

    private static long declaredLength(HttpClientResponse response) {
        try {
            String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static RequestOptions options(BackendRequest request, long remainingMillis) {
        return new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setSsl(request.uri().tls())
                .setHost(request.uri().host())
                .setPort(request.uri().port())
                .setURI(request.uri().target())
                .setFollowRedirects(false)
                .setConnectTimeout(remainingMillis);
    }

    private static Headers headers(MultiMap received) {
        Headers headers = new Headers();
        received.forEach(header -> headers.add(header.getKey(), header.getValue()));
        return headers.freeze();
    }

    private static void abort(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    private static GatewayException timeout(BackendRequest request) {
        return GatewayException.integrationTimeout(request.method() + " " + request.uri() + ": no complete answer within "
                + request.timeoutMillis() + " ms");
    }

    private Clients clients() {
        Clients current = clients;
        if (current == null) {
            synchronized (this) {
                current = clients;
                if (current == null) {
                    current = start();
                    clients = current;
                }
            }
        }
        return current;
    }

    private static Vertx ownVertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    }

    private Clients start() {
        Vertx vertx = this.vertx.get();
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(POOL_SIZE);
        HttpClient verifying = vertx.createHttpClient(baseOptions(), pool);
        HttpClient insecure = vertx.createHttpClient(baseOptions().setTrustAll(true).setVerifyHost(false), pool);
        return new Clients(vertx, verifying, insecure);
    }

    private static HttpClientOptions baseOptions() {
        return new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(IDLE_SECONDS)
                .setForceSni(true)
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024);
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            if (ownsVertx) {
                clients.vertx().close().toCompletionStage().toCompletableFuture().join();
            } else {
                clients.verifying().close();
                clients.insecure().close();
            }
            clients = null;
        }
    }
}
