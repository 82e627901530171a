package dev.portico.integration.http;

import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.integration.Integration;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.mapping.MediaTypes;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import java.util.List;
import java.util.Map;

/**
 * HTTP_PROXY: the client's request goes to the integration uri as it came (method, query, headers, body
 * bytes) and the backend's answer comes back as it went, hop-by-hop headers aside. {@code requestParameters}
 * still apply, as recorded on API Gateway: the integration request holds what they mapped; path mappings fill
 * the uri's placeholders, mapped query values follow the uri's and the client's own, mapped headers replace the
 * client's of the same name.
 */
public final class HttpProxyIntegration implements Integration {
    private final BackendClient backend;

    public HttpProxyIntegration(BackendClient backend) {
        this.backend = backend;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.HTTP_PROXY;
    }

    @Override
    public EndpointResponse invoke(IntegrationRequest mapped, Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        IncomingRequest request = invocation.request();

        List<Map.Entry<String, String>> query = BackendUri.queryPairs(request.query(), mapped.query());
        BackendUri uri = BackendUri.of(integration.uri(), invocation.settings().stageVariables(),
                mapped.pathParameters(), BackendUri.greedyPlaceholders(invocation.route()), query);

        Headers headers = HopByHopHeaders.forwardable(request.headers());
        mapped.headers().forEach(headers::setAll);
        addForwarded(headers, request);
        GatewayHeaders.add(headers, invocation);

        BackendResponse answer = backend.send(new BackendRequest(GatewayHeaders.method(integration, invocation), uri,
                headers.freeze(), request.body(), invocation.integrationTimeoutMillis(),
                integration.insecureSkipVerification()));
        return new EndpointResponse(answer.status(), HopByHopHeaders.returned(answer.headers()), answer.body(), null,
                isBinary(answer));
    }

    /**
     * As a proxy: the client's address joins X-Forwarded-For, unless the load balancer or API in front has already
     * put it last (an ALB appends the address it saw, and takes the source address from there); scheme and port stay
     * those the client used.
     */
    private static void addForwarded(Headers headers, IncomingRequest request) {
        String forwardedFor = String.join(", ", request.headers().all("X-Forwarded-For"));
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
        if (!request.sourceIp().isEmpty() && !last.equals(request.sourceIp())) {
            headers.set("X-Forwarded-For", forwardedFor.isBlank()
                    ? request.sourceIp() : forwardedFor + ", " + request.sourceIp());
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", "https");
        }
        if (!headers.contains("X-Forwarded-Port")) {
            headers.set("X-Forwarded-Port", "443");
        }
    }

    /** Binary unless the body is UTF-8 text of a textual (or unnamed) type, sent without a content coding. */
    private static boolean isBinary(BackendResponse answer) {
        if (answer.body().length == 0) {
            return false;
        }
        String encoding = answer.headers().last("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return true;
        }
        String type = MediaTypes.essence(answer.headers().last("Content-Type"));
        return type != null && !isTextual(type) || !isUtf8(answer.body());
    }

    private static boolean isTextual(String type) {
        return type.startsWith("text/") || type.endsWith("json") || type.endsWith("xml")
                || type.equals("application/javascript") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/yaml") || type.equals("application/graphql");
    }

    /** Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF), checked without decoding. */
    static boolean isUtf8(byte[] body) {
        int i = 0;
        int n = body.length;
        while (i < n) {
            int b = body[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xff;
            int extra;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= n) {
                return false;
            }
            int code = b & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int next = body[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return false;
                }
                code = (code << 6) | (next & 0x3f);
            }
            if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
