package dev.portico.integration.http;

/**
 * Sends one request to an HTTP backend and reads the whole answer. Never follows redirects, never
 * decompresses. Failures end as {@link dev.portico.errors.GatewayException}s: the time limit as
 * {@code integrationTimeout}, anything else that leaves no usable answer as {@code integrationFailure}.
 */
public interface BackendClient {

    BackendResponse send(BackendRequest request);
}
