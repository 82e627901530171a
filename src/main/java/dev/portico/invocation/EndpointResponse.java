package dev.portico.invocation;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import java.nio.charset.StandardCharsets;

/**
 * What the endpoint answered: for the mapped types, before integration responses map it; for the proxy types,
 * the answer the client gets as it is.
 *
 * @param status       endpoint status (for Lambda non-proxy: 200, or the error's status)
 * @param headers      endpoint headers (frozen)
 * @param body         endpoint body bytes
 * @param errorMessage for non-proxy Lambda errors, the {@code errorMessage} that selection patterns match;
 *                     null otherwise
 * @param binary       for the proxy types, whether the body goes to the client as binary (base64 in the answer)
 * @throws GatewayException API Gateway's 502 for malformed integration output, when the status is not an HTTP
 *                          status (100 to 599) or a header name or value could not be sent on (CR, LF, NUL)
 */
public record EndpointResponse(int status, Headers headers, byte[] body, String errorMessage, boolean binary) {
    /**
     * API Gateway's payload limit, 10 MB ("Amazon API Gateway quotas", "Payload size": 10 MB, not adjustable):
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
     */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public EndpointResponse {
        if (status < 100 || status > 599) {
            throw GatewayException.integrationFailure("the endpoint answered status " + status
                    + ", which is not an HTTP status");
        }
        String malformed = headers.malformed();
        if (malformed != null) {
            throw GatewayException.integrationFailure("the endpoint's answer cannot be relayed: " + malformed);
        }
    }

    /** An answer for integration responses to map. */
    public EndpointResponse(int status, Headers headers, byte[] body, String errorMessage) {
        this(status, headers, body, errorMessage, false);
    }

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
