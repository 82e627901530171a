package dev.portico.integration.http;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.EndpointResponse;

/**
 * One request to a backend, checked so that nothing in it can split the request line or a header.
 *
 * @param method        HTTP method token
 * @param uri           where to send it
 * @param headers       headers to send (frozen); Host and Content-Length are the client's business
 * @param body          body bytes, empty for none
 * @param timeoutMillis the whole exchange must finish within this
 * @param insecure      {@code tlsConfig.insecureSkipVerification}: accept any certificate
 * @param maxAnswerBytes the most of an answer's body the client reads: an answer that declares or sends more is
 *                      refused, and its connection dropped, as soon as that shows
 */
public record BackendRequest(String method, BackendUri uri, Headers headers, byte[] body, int timeoutMillis,
                             boolean insecure, int maxAnswerBytes) {

    /** API Gateway's payload limit, which bounds every integration's answer. */
    public static final int MAX_ANSWER_BYTES = EndpointResponse.MAX_BODY_BYTES;

    /** A request whose answer may be as large as API Gateway's payload limit. */
    public BackendRequest(String method, BackendUri uri, Headers headers, byte[] body, int timeoutMillis,
                          boolean insecure) {
        this(method, uri, headers, body, timeoutMillis, insecure, MAX_ANSWER_BYTES);
    }

    public BackendRequest {
        if (maxAnswerBytes < 0 || maxAnswerBytes > MAX_ANSWER_BYTES) {
            throw new IllegalArgumentException("answer limit " + maxAnswerBytes + " outside 0.." + MAX_ANSWER_BYTES);
        }
        if (!isToken(method)) {
            throw GatewayException.badRequest("Bad request", "invalid integration method " + method);
        }
        headers.forEach((name, values) -> {
            if (!isToken(name)) {
                throw GatewayException.badRequest("Bad request", "invalid integration header name " + name);
            }
            for (String value : values) {
                if (!isFieldValue(value)) {
                    throw GatewayException.badRequest("Bad request",
                            "integration header " + name + " has a control character in its value");
                }
            }
        });
    }

    /** RFC 9110 token: visible ASCII except separators. */
    private static boolean isToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** No CR, LF, NUL or other control character but tab: such a value could end the header early. */
    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
