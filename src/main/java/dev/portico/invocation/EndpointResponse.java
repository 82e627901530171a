package dev.portico.invocation;

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
 */
public record EndpointResponse(int status, Headers headers, byte[] body, String errorMessage, boolean binary) {

    /** An answer for integration responses to map. */
    public EndpointResponse(int status, Headers headers, byte[] body, String errorMessage) {
        this(status, headers, body, errorMessage, false);
    }

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
