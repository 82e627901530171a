package dev.portico.authorizer;

import java.io.IOException;
import java.net.URI;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The load balancers' public keys, by {@code kid}, from the region's endpoint
 * ({@code https://public-keys.auth.elb.REGION.amazonaws.com/KID}, a PEM-encoded EC key, "Authenticate users
 * using an Application Load Balancer"). A key, once fetched, is kept (at most {@link #CAPACITY}); key ids not
 * seen before are fetched at most {@link #FETCHES_PER_WINDOW} times per {@code windowNanos} (a minute), and one the
 * endpoint does not have is remembered as missing, so that made-up key ids cannot make Portico call the endpoint
 * on every request, while a few of them cannot keep the real key from being fetched either.
 */
final class AlbPublicKeys {
    static final int CAPACITY = 256;
    static final long DEFAULT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final int FETCHES_PER_WINDOW = 10;
    /** ALB key ids are UUIDs; anything else is not looked up (it becomes part of a URL). */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    /** The endpoint could not be reached or answered something that is not a key. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final KeyFetcher fetcher;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, ECPublicKey> keys = new LinkedHashMap<>();
    private final Map<String, Boolean> missing = new LinkedHashMap<>();
    private long windowStartNanos;
    private int fetchesInWindow;

    AlbPublicKeys(KeyFetcher fetcher, long windowNanos, LongSupplier nanoTime) {
        this.fetcher = fetcher;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * The key {@code kid} at {@code base/kid}, or null when there is none (or none may be fetched yet).
     *
     * @throws Unavailable when the endpoint cannot be reached or answers no EC key
     */
    synchronized ECPublicKey key(String base, String kid) throws Unavailable {
        if (kid == null || !KID.matcher(kid).matches()) {
            return null;
        }
        String url = base + "/" + kid;
        ECPublicKey key = keys.get(url);
        if (key != null || missing.containsKey(url)) {
            return key;
        }
        long now = nanoTime.getAsLong();
        if (fetchesInWindow == 0 || now - windowStartNanos >= windowNanos) {
            windowStartNanos = now;
            fetchesInWindow = 0;
        }
        if (fetchesInWindow >= FETCHES_PER_WINDOW) {
            return null;
        }
        fetchesInWindow++;
        try {
            key = parsePem(fetcher.fetch(URI.create(url)));
        } catch (KeyFetcher.Missing e) {
            if (missing.size() >= CAPACITY) {
                missing.clear();
            }
            missing.put(url, Boolean.TRUE);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable(url + ": " + e.getMessage());
        }
        if (keys.size() >= CAPACITY) {
            keys.clear();
        }
        keys.put(url, key);
        return key;
    }

    /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) holding an EC key. */
    static ECPublicKey parsePem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(body)));
            if (key instanceof ECPublicKey ec) {
                return ec;
            }
            throw new IllegalArgumentException("not an EC public key");
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a PEM EC public key: " + e.getMessage());
        }
    }
}
