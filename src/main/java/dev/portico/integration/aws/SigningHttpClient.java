package dev.portico.integration.aws;

import dev.portico.event.Headers;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendResponse;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.EndpointResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with Signature Version 4 ({@link SigV4}) and sends them on the function's one pooled, keep-alive Vert.x
 * client ({@link VertxBackendClient}, the one HTTP integrations use), so that a Lambda invocation costs one
 * event-loop hand-off rather than the JDK client's several. Each call has a deadline that covers the whole exchange,
 * body included, and an answer is read into memory only up to API Gateway's payload limit
 * ({@link EndpointResponse#MAX_BODY_BYTES}).
 *
 * <p>What reaches the wire is what was signed: the signed path and query as the signer encoded them, every signed
 * header with its signed value, the body as a fixed-length entity (never chunked, so the payload hash covers exactly
 * the bytes sent). The client adds only {@code Host} (the same value as the signed one, from the same endpoint)
 * and {@code Content-Length}, which are not among the headers SigV4 requires to be signed ("Create a signed AWS API
 * request", AWS Identity and Access Management User Guide). A request that fails on a reused keep-alive connection
 * before any answer is sent once more on another connection, as the AWS SDK's default retry strategy does for I/O
 * errors, and signed anew for it (a fresh {@code X-Amz-Date}).
 */
public final class SigningHttpClient {
    /** Set by the transport itself from the endpoint and the body; the signed values are the ones it sends. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    /** One request to sign and send. {@code query} values are raw (not yet percent-encoded). */
    public record Call(String method, URI endpoint, String path, Map<String, List<String>> query, Headers headers,
                       byte[] body, String signingName, String signingRegion) {}

    /** What the service answered. */
    public record Response(int status, Headers headers, byte[] body) {
        public String bodyAsText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer was larger than API Gateway's payload limit. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** The call did not finish within its deadline. */
    public static final class DeadlineExceeded extends IOException {
        DeadlineExceeded(String message) {
            super(message);
        }
    }

    private final VertxBackendClient http;
    private final SigV4 signer = new SigV4();
    private final Clock clock;

    /** On a client of its own (its Vert.x starts on the first call): for tests and tools. */
    public SigningHttpClient() {
        this(new VertxBackendClient(), Clock.systemUTC());
    }

    /** On {@code http}, shared with the HTTP integrations. */
    public SigningHttpClient(VertxBackendClient http) {
        this(http, Clock.systemUTC());
    }

    SigningHttpClient(VertxBackendClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The request as signed, ready to send: what {@link #send} puts on the wire. */
    public SigV4.Signed sign(Call call, AwsCredentialsIdentity credentials) {
        return signer.sign(call.method().toUpperCase(Locale.ROOT), call.endpoint(), call.path(), call.query(),
                call.headers(), call.body(), call.signingName(), call.signingRegion(), credentials, clock.instant());
    }

    /**
     * Signs and sends {@code call}; waits at most {@code deadline}.
     *
     * @throws DeadlineExceeded when the answer is not complete in time (the exchange is abandoned)
     * @throws TooLarge         when the answer is larger than API Gateway's payload limit
     * @throws IOException      when the endpoint cannot be reached
     */
    public Response send(Call call, AwsCredentialsIdentity credentials, Duration deadline) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, deadline.toMillis()));
        try {
            BackendResponse answer = http.exchange(() -> wire(sign(call, credentials), call.body(), millis), millis, true);
            return new Response(answer.status(), answer.headers(), answer.body());
        } catch (VertxBackendClient.ExchangeFailed e) {
            throw switch (e.kind()) {
                case TIMEOUT -> new DeadlineExceeded("no complete answer from " + call.endpoint() + " within "
                        + deadline.toMillis() + " ms");
                case TOO_LARGE -> new TooLarge(call.endpoint() + ": " + e.getMessage());
                case UNREACHABLE -> unreachable(call, e);
            };
        }
    }

    /** No connection at all is a {@link java.net.ConnectException}; one that broke off, a plain I/O failure. */
    private static IOException unreachable(Call call, VertxBackendClient.ExchangeFailed e) {
        if (e.getCause() instanceof java.net.ConnectException || e.getCause() instanceof java.net.UnknownHostException) {
            java.net.ConnectException refused = new java.net.ConnectException(call.endpoint() + ": " + e.getMessage());
            refused.initCause(e.getCause());
            return refused;
        }
        return new IOException(e.getMessage(), e.getCause());
    }

    /** The signed request as the transport sends it: target, headers and body exactly as signed. */
    static BackendRequest wire(SigV4.Signed signed, byte[] body, int timeoutMillis) {
        URI uri = signed.uri();
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        Headers headers = new Headers();
        signed.headers().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.setAll(name, values);
            }
        });
        return new BackendRequest(signed.method(), new BackendUri(tls, uri.getHost(), port, signed.target()),
                headers.freeze(), body, timeoutMillis, false);
    }

    static String sha256Hex(byte[] body) {
        return SigV4.sha256Hex(body);
    }
}
