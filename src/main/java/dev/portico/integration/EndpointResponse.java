package dev.portico.integration;

import dev.portico.event.Headers;
import java.nio.charset.StandardCharsets;

/**
 * What the backend answered, before integration responses map it.
 *
 * @param status       backend status (for Lambda non-proxy: 200, or the error's status)
 * @param headers      backend headers (frozen)
 * @param body         backend body bytes
 * @param errorMessage for non-proxy Lambda errors, the {@code errorMessage} that selection patterns match;
 *                     null otherwise
 */
public record EndpointResponse(int status, Headers headers, byte[] body, String errorMessage) {

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
