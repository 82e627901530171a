package dev.portico.integration.http;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.EndpointResponse;
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
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link BackendClient} on the Vert.x HTTP client (the one under quarkus-rest-client): it sends bytes and
 * repeated headers as given, lets the caller set Host, and keeps one keep-alive pool for the life of the
 * function. Lambda freezes the process between invocations, so idle connections expire after a few seconds
 * and an idempotent request that fails on a reused connection before any answer is sent once more.
 * Usable without CDI; its own Vertx instance starts on the first request.
 */
public final class VertxBackendClient implements BackendClient, AutoCloseable {
    /** API Gateway's payload limit. */
    public static final int MAX_RESPONSE_BYTES = EndpointResponse.MAX_BODY_BYTES;
    private static final int IDLE_SECONDS = 4;
    private static final int POOL_SIZE = 16;
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

    @Override
    public BackendResponse send(BackendRequest request) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.timeoutMillis());
        try {
            return attempt(request, deadline);
        } catch (StaleConnection stale) {
            if (!IDEMPOTENT.contains(request.method())) {
                throw failure(request, stale.getCause());
            }
            try {
                return attempt(request, deadline);
            } catch (StaleConnection again) {
                throw failure(request, again.getCause());
            }
        }
    }

    private BackendResponse attempt(BackendRequest request, long deadline) throws StaleConnection {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
            throw timeout(request);
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
            boolean reused = usedConnections.contains(outgoing.connection());
            // The failure reaches the caller through the response; without this Vert.x also logs it as an error.
            outgoing.connection().exceptionHandler(ignored -> { });
            outgoing.response().onComplete(answered -> {
                if (answered.succeeded()) {
                    read(answered.result(), outgoing, result);
                } else {
                    result.completeExceptionally(reused ? new StaleConnection(answered.cause()) : answered.cause());
                }
            });
            if (request.body().length == 0) {
                outgoing.end();
            } else {
                outgoing.end(Buffer.buffer(request.body()));
            }
        });

        try {
            return result.get(remainingMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.completeExceptionally(e);
            abort(sent.get());
            throw timeout(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(sent.get());
            throw GatewayException.integrationFailure(request.uri() + ": interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StaleConnection stale) {
                throw stale;
            }
            // Vert.x's own connect timeout covers the TLS handshake too: a handshake that stalls is a timeout (504).
            if (e.getCause() instanceof ConnectTimeoutException || e.getCause() instanceof TimeoutException) {
                throw timeout(request);
            }
            throw failure(request, e.getCause());
        }
    }

    private void read(HttpClientResponse response, HttpClientRequest outgoing,
                      CompletableFuture<BackendResponse> result) {
        response.exceptionHandler(result::completeExceptionally);
        long declared = declaredLength(response);
        if (declared > MAX_RESPONSE_BYTES) {
            result.completeExceptionally(new Oversize("declares Content-Length " + declared));
            outgoing.reset();
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_RESPONSE_BYTES) {
                result.completeExceptionally(new Oversize("body exceeds " + MAX_RESPONSE_BYTES + " bytes"));
                outgoing.reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(done -> {
            usedConnections.add(outgoing.connection());
            BackendResponse answer = new BackendResponse(response.statusCode(), headers(response.headers()), body.getBytes());
            // Completed on the event loop's next turn, after Vert.x has put the connection back in the pool: the
            // caller's next request then reuses it rather than racing the recycling and opening another.
            Vertx.currentContext().runOnContext(next -> result.complete(answer));
        });
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
        MultiMap headers = HttpHeaders.headers();
        request.headers().forEach(headers::add);
        headers.set(HttpHeaders.HOST, request.uri().authority());
        return new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setSsl(request.uri().tls())
                .setHost(request.uri().host())
                .setPort(request.uri().port())
                .setURI(request.uri().target())
                .setHeaders(headers)
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

    private static GatewayException failure(BackendRequest request, Throwable cause) {
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof UnknownHostException ? "unknown host"
                : cause instanceof Oversize ? "answer too large (" + cause.getMessage() + ")"
                : String.valueOf(cause);
        return GatewayException.integrationFailure(request.method() + " " + request.uri() + ": " + why);
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

    private static Clients start() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
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
            clients.vertx().close().toCompletionStage().toCompletableFuture().join();
            clients = null;
        }
    }
}
