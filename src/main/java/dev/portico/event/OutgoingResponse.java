package dev.portico.event;

/**
 * The answer to the client, before it is put into the caller's shape.
 *
 * @param status  HTTP status code
 * @param headers response headers; {@code Set-Cookie} may repeat
 * @param body    body bytes, empty for none
 * @param binary  true when the body must reach the client as bytes (sent base64-encoded to the caller)
 */
public record OutgoingResponse(int status, Headers headers, byte[] body, boolean binary) {
    public static final byte[] NO_BODY = new byte[0];
}
