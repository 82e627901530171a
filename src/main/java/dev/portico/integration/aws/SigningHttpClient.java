package dev.portico.integration.aws;

import dev.portico.event.Headers;
import dev.portico.invocation.EndpointResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK's SigV4 signer and sends them with one JDK HTTP client, made once and
 * shared. Each call has a deadline that covers the whole exchange, body included, and an answer is read into
 * memory only up to API Gateway's payload limit ({@link EndpointResponse#MAX_BODY_BYTES}).
 */
public final class SigningHttpClient {
    /** Headers the JDK client sets itself and refuses from callers; the signed values are the ones it sends. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

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

    private final Supplier<HttpClient> http;
    private final Clock clock;

    /**
     * The HTTP client is made on the first AWS call, not at start-up: building it (TLS context included) costs
     * more than a tenth of a second of cold start, which APIs without AWS routes should not pay.
     */
    public SigningHttpClient() {
        this(memoized(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()), Clock.systemUTC());
    }

    SigningHttpClient(HttpClient http, Clock clock) {
        this(() -> http, clock);
    }

    private SigningHttpClient(Supplier<HttpClient> http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The SDK's SigV4 signer, made on the first signed call: a function without AWS routes never loads it. */
    private static final class Signer {
        static final AwsV4HttpSigner INSTANCE = AwsV4HttpSigner.create();
    }

    private static <T> Supplier<T> memoized(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T made = value;
                if (made == null) {
                    synchronized (this) {
                        made = value;
                        if (made == null) {
                            value = made = factory.get();
                        }
                    }
                }
                return made;
            }
        };
    }

    /** The request as signed, ready to send: what {@link #send} puts on the wire. */
    public SdkHttpRequest sign(Call call, AwsCredentialsIdentity credentials) {
        boolean s3 = call.signingName().equals("s3");
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(call.method().toUpperCase(Locale.ROOT)))
                .uri(URI.create(call.endpoint() + call.path()));
        call.query().forEach(builder::putRawQueryParameter);
        call.headers().forEach(builder::putHeader);
        if (s3 && !call.headers().contains("x-amz-content-sha256")) {
            builder.putHeader("x-amz-content-sha256", sha256Hex(call.body()));
        }
        SignedRequest signed = Signer.INSTANCE.sign(r -> r.identity(credentials)
                .request(builder.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(call.body()))
                .putProperty(AwsV4HttpSigner.REGION_NAME, call.signingRegion())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, call.signingName())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request();
    }

    /**
     * Signs and sends {@code call}; waits at most {@code deadline}.
     *
     * @throws DeadlineExceeded when the answer is not complete in time (the exchange is abandoned)
     * @throws IOException      when the endpoint cannot be reached
     */
    public Response send(Call call, AwsCredentialsIdentity credentials, Duration deadline) throws IOException {
        SdkHttpRequest signed = sign(call, credentials);
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
                .timeout(deadline)
                .method(signed.method().name(), call.body().length == 0 && !hasBodyMethod(signed.method())
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        signed.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.get().sendAsync(request.build(), BoundedBody.handler(EndpointResponse.MAX_BODY_BYTES));
        try {
            HttpResponse<byte[]> response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Headers headers = new Headers();
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":")) {
                    headers.setAll(name, values);
                }
            });
            return new Response(response.statusCode(), headers.freeze(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new DeadlineExceeded("no complete answer from " + call.endpoint() + " within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + call.endpoint(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new DeadlineExceeded("no answer from " + call.endpoint() + " within " + deadline.toMillis() + " ms");
            }
            if (cause instanceof BoundedBody.TooLarge tooLarge) {
                throw new TooLarge(call.endpoint() + ": " + tooLarge.getMessage());
            }
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private static boolean hasBodyMethod(SdkHttpMethod method) {
        return method == SdkHttpMethod.POST || method == SdkHttpMethod.PUT || method == SdkHttpMethod.PATCH;
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
