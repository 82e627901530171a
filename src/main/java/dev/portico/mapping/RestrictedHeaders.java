package dev.portico.mapping;

import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import java.util.Set;

/**
 * Headers API Gateway keeps to itself, as recorded on AWS: some client headers never reach the method request
 * (so templates, mappings and integrations cannot see them), and some names set by a non-proxy integration
 * response are renamed {@code x-amzn-Remapped-<name>} or dropped.
 */
public final class RestrictedHeaders {
    private static final Set<String> INVISIBLE_TO_METHOD_REQUEST = Set.of("connection", "content-length",
            "content-md5", "expect", "max-forwards", "proxy-authenticate", "server", "te", "transfer-encoding",
            "trailer", "upgrade", "www-authenticate");
    private static final Set<String> REMAPPED_IN_METHOD_RESPONSE = Set.of("authorization", "connection",
            "content-length", "content-md5", "date", "expect", "host", "max-forwards", "proxy-authenticate", "server",
            "trailer", "upgrade", "user-agent", "www-authenticate");
    private static final String DROPPED_IN_METHOD_RESPONSE = "transfer-encoding";

    private RestrictedHeaders() {}

    /**
     * The request as the method request sees it; the same instance when nothing is hidden. Headers the client
     * named in {@code Connection} are for the hop that ended at the load balancer (RFC 9110 section 7.6.1), so
     * they go too.
     */
    public static IncomingRequest methodRequest(IncomingRequest request) {
        if (!request.headers().containsAny(INVISIBLE_TO_METHOD_REQUEST)) {
            return request;
        }
        Headers visible = request.headers().copy();
        for (String value : request.headers().all("Connection")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    visible.remove(token.trim());
                }
            }
        }
        INVISIBLE_TO_METHOD_REQUEST.forEach(visible::remove);
        return new IncomingRequest(request.format(), request.httpMethod(), request.path(), request.query(),
                visible.freeze(), request.body(), request.hasBody(), request.sourceIp(), request.requestId(),
                request.requestTimeEpoch(), request.domainName(), request.rawPath());
    }

    /** Sets a method response header from a response parameter under the name API Gateway gives it, if any. */
    public static void setResponseParameter(Headers headers, String name, String value) {
        String key = Headers.lowerCase(name);
        if (key.equals(DROPPED_IN_METHOD_RESPONSE)) {
            return;
        }
        headers.set(REMAPPED_IN_METHOD_RESPONSE.contains(key) ? "x-amzn-Remapped-" + name : name, value);
    }
}
