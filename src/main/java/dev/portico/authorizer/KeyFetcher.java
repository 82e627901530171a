package dev.portico.authorizer;

import java.io.IOException;
import java.net.URI;

/**
 * Fetches a public key document over HTTP: a user pool's JWKS, or an ALB public key in PEM. Behind this small
 * interface so that the JDK client ({@link JdkKeyFetcher}) can give way to the function's shared HTTP client
 * without touching the verifiers.
 */
public interface KeyFetcher {
    /** The largest document taken: a JWKS of a few keys is about 1 KB, a PEM key 200 bytes. */
    int MAX_BYTES = 64 * 1024;

    /**
     * The body of a 200 answer to a GET of {@code uri}, at most {@link #MAX_BYTES}; bounded in time.
     *
     * @throws Missing     when the endpoint answers that there is no such document (404, or S3's 403)
     * @throws IOException when the endpoint cannot be reached, answers another status, is too slow or too large
     */
    String fetch(URI uri) throws IOException;

    /** The endpoint answered, and has no such key: the caller's fault, not the endpoint's. */
    final class Missing extends IOException {
        public Missing(String message) {
            super(message);
        }
    }
}
