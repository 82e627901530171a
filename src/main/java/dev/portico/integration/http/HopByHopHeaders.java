package dev.portico.integration.http;

import dev.portico.event.Headers;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross an HTTP proxy integration, as recorded on API Gateway: hop-by-hop headers (RFC 9110
 * section 7.6.1, plus any named in {@code Connection}) stop at the gateway in both directions; a few more client
 * headers never reach the backend; the backend's {@code Connection}, {@code Content-Length}, {@code Date},
 * {@code Server} and {@code x-amzn-RequestId} come back renamed {@code x-amzn-Remapped-*}.
 */
public final class HopByHopHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** Client headers API Gateway drops besides the hop-by-hop ones; Host and Content-Length are the client's. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "content-encoding",
            "content-md5", "expect", "max-forwards", "server", "via", "www-authenticate");
    /**
     * Renamed {@code x-amzn-Remapped-*} on the way back; {@code x-amzn-RequestId} too, since the gateway sends its
     * own (recorded on AWS: LocalStack's {@code test_apigateway_http.snapshot.json},
     * {@code test_http_integration_with_lambda[HTTP_PROXY]}).
     */
    private static final Set<String> REMAPPED = Set.of("connection", "content-length", "date", "server",
            "x-amzn-requestid");

    private HopByHopHeaders() {}

    /** The client's headers that may go on to the backend (a mutable copy). */
    public static Headers forwardable(Headers client) {
        Set<String> dropped = droppedBy(client);
        Headers out = new Headers();
        client.forEach((name, values) -> {
            String key = Headers.lowerCase(name);
            if (!dropped.contains(key) && !NOT_FORWARDED.contains(key)) {
                out.setAll(name, values);
            }
        });
        return out;
    }

    /** The backend's headers as the client gets them (frozen). */
    public static Headers returned(Headers backend) {
        Set<String> dropped = droppedBy(backend);
        Headers out = new Headers();
        backend.forEach((name, values) -> {
            String key = Headers.lowerCase(name);
            if (REMAPPED.contains(key)) {
                out.setAll("x-amzn-Remapped-" + name, values);
            } else if (!dropped.contains(key)) {
                out.setAll(name, values);
            }
        });
        if (!out.contains("Content-Type")) {
            out.set("Content-Type", "application/json"); // what API Gateway answers with when the backend names none
        }
        return out.freeze();
    }

    private static Set<String> droppedBy(Headers headers) {
        if (!headers.contains("Connection")) {
            return HOP_BY_HOP; // the usual case: no set to build per request
        }
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String value : headers.all("Connection")) {
            for (String token : value.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }
}
