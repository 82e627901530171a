package dev.portico.tools.callers;

/**
 * A plain HTTP request as the client sent it, before a caller turns it into an event.
 *
 * @param path     the path as sent, still percent-encoded
 * @param rawQuery the query string as sent (still percent-encoded), empty when absent
 * @param headers  every header line in order, repeated names kept
 * @param body     the body bytes, {@code null} when the request has none
 * @param sourceIp the client's address, as the caller reports it
 */
public record ClientRequest(String method, String path, String rawQuery, HeaderList headers, byte[] body,
                            String sourceIp) {

    /** The last value of a header, matched case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.last(name);
    }
}
