package dev.portico.integration.aws;

import dev.portico.event.Headers;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendResponse;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.http.VertxBackendClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's synchronous HTTP client interface on the function's one Vert.x client, so that SDK clients (STS
 * AssumeRole for integration {@code credentials}, and any DynamoDB client built in {@code config}) share its pool
 * and event loop instead of opening connections of their own. The SDK signs the request itself; it is sent as the
 * SDK built it, but for {@code Host} and {@code Content-Length}, which the transport sets to the same values from
 * the same endpoint and body. The SDK's own retry strategy and timeouts stay in charge; each attempt here is bounded
 * by {@link #ATTEMPT_MILLIS} and is never retried by the transport, so the SDK's retry signs anew.
 */
public final class VertxSdkHttpClient implements SdkHttpClient {
    /** The upper bound of one attempt; SDK clients set shorter ones with {@code apiCallAttemptTimeout}. */
    static final int ATTEMPT_MILLIS = 10_000;
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    private final VertxBackendClient http;

    public VertxSdkHttpClient(VertxBackendClient http) {
        this.http = http;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return execute(request);
            }

            @Override
            public void abort() {
                // the exchange ends at its deadline; the SDK's attempt timeout interrupts the waiting thread
            }
        };
    }

    private HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
        SdkHttpRequest sdk = request.httpRequest();
        byte[] body;
        if (request.contentStreamProvider().isPresent()) {
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                body = in.readAllBytes();
            }
        } else {
            body = new byte[0];
        }
        String target = sdk.encodedPath().isEmpty() ? "/" : sdk.encodedPath();
        String query = sdk.encodedQueryParameters().orElse("");
        if (!query.isEmpty()) {
            target = target + "?" + query;
        }
        Headers headers = new Headers();
        sdk.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.setAll(name, values);
            }
        });
        BackendRequest outgoing = new BackendRequest(sdk.method().name(),
                new BackendUri(sdk.protocol().equalsIgnoreCase("https"), sdk.host(), sdk.port(), target),
                headers.freeze(), body, ATTEMPT_MILLIS, false);
        BackendResponse answer;
        try {
            answer = http.exchange(() -> outgoing, ATTEMPT_MILLIS, false);
        } catch (VertxBackendClient.ExchangeFailed e) {
            throw new IOException(sdk.host() + ": " + e.kind() + ": " + e.getMessage(), e.getCause());
        }
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
        answer.headers().forEach((name, values) -> response.putHeader(name, List.copyOf(values)));
        return HttpExecuteResponse.builder()
                .response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                .build();
    }

    @Override
    public String clientName() {
        return "PorticoVertx";
    }

    @Override
    public void close() {
        // the Vert.x client belongs to the function, not to an SDK client
    }

}
