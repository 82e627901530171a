package dev.portico.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The user pools' signing keys, as AWS's "Verifying a JSON Web Token" asks: each pool's JWKS
 * ({@code {issuer}/.well-known/jwks.json}) fetched once and kept; a token whose {@code kid} is not among the keys
 * makes it fetched again (the pool rotated its keys), at most once per {@code minRefetchNanos} per pool (5 seconds
 * while a pool's keys could never be fetched), so that
 * tokens with made-up key ids cannot make Portico call the endpoint on every request. The URLs come from the route
 * table's {@code providerARNs}, never from a token.
 */
final class JwksCache {
    private static final Logger LOG = Logger.getLogger(JwksCache.class);
    /** The default pause between fetches of one pool's keys. */
    static final long DEFAULT_MIN_REFETCH_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The pause before trying again a pool whose keys could not be fetched at all. */
    static final long FAILED_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** The keys could not be had: the endpoint is unreachable or answered no JWKS. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Pool {
        Map<String, RSAPublicKey> keys;
        long lastAttemptNanos;
        boolean attempted;
    }

    private final KeyFetcher fetcher;
    private final long minRefetchNanos;
    private final LongSupplier nanoTime;
    private final Map<URI, Pool> pools = new ConcurrentHashMap<>();

    JwksCache(KeyFetcher fetcher, long minRefetchNanos, LongSupplier nanoTime) {
        this.fetcher = fetcher;
        this.minRefetchNanos = minRefetchNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * The RSA key {@code kid} of the JWKS at {@code uri}, or null when the pool has no such key.
     *
     * @throws Unavailable when the pool's keys have never been fetched and cannot be now
     */
    RSAPublicKey key(URI uri, String kid) throws Unavailable {
        Pool pool = pools.computeIfAbsent(uri, any -> new Pool());
        synchronized (pool) {
            RSAPublicKey key = pool.keys == null ? null : pool.keys.get(kid);
            if (key != null) {
                return key;
            }
            long now = nanoTime.getAsLong();
            // a pool never fetched is tried again sooner: its first fetch may have met a passing fault
            long wait = pool.keys == null ? Math.min(minRefetchNanos, FAILED_RETRY_NANOS) : minRefetchNanos;
            if (pool.attempted && now - pool.lastAttemptNanos < wait) {
                if (pool.keys == null) {
                    throw new Unavailable(uri + " could not be fetched, and is tried again later");
                }
                return null;
            }
            pool.attempted = true;
            pool.lastAttemptNanos = now;
            try {
                pool.keys = parse(fetcher.fetch(uri));
            } catch (IOException | ParseException e) {
                LOG.warnf("the JWKS at %s could not be read: %s", uri, e.getMessage());
                if (pool.keys == null) {
                    throw new Unavailable(uri + ": " + e.getMessage());
                }
            }
            return pool.keys.get(kid);
        }
    }

    /** The RSA signing keys of a JWKS by key id; keys of other types or uses are left out. */
    private static Map<String, RSAPublicKey> parse(String json) throws ParseException {
        Map<String, RSAPublicKey> keys = new HashMap<>();
        for (JWK jwk : JWKSet.parse(json).getKeys()) {
            if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null
                    && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
                try {
                    keys.put(jwk.getKeyID(), rsa.toRSAPublicKey());
                } catch (JOSEException e) {
                    throw new ParseException("key " + jwk.getKeyID() + " is not an RSA public key", 0);
                }
            }
        }
        return Map.copyOf(keys);
    }
}
