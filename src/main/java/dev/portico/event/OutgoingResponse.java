package dev.portico.event;

/**
 * The answer to the client, before it is put into the caller's shape.
 *
 * @param status  HTTP status code
 * @param headers response headers; {@code Set-Cookie} may repeat
 * @param body    body bytes, empty for none
 * @param binary  true when the body must reach the client as bytes (sent base64-encoded to the caller)
 * @throws IllegalArgumentException when a header could not be sent as it is (see {@link Headers#malformed()}):
 *                                  no caller could relay it without splitting the answer, so none is ever made (a
 *                                  status outside 100-599 is the encoder's to answer as 500)
 */
public record OutgoingResponse(int status, Headers headers, byte[] body, boolean binary) {
    public static final byte[] NO_BODY = new byte[0];

    public OutgoingResponse {
        String malformed = headers == null ? null : headers.malformed();
        if (malformed != null) {
            throw new IllegalArgumentException(malformed);
        }
    }
}
