package dev.portico.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens whose signature has been verified, by a SHA-256 of the token (so that no token is held as a key), with
 * their claims: a client sends the same token with every request until it expires, and verifying a signature
 * (ES256 above all) costs far more than a digest. Only the signature is taken as settled; every other check
 * (issuer, expiry, scopes, app client) is made again on each request. At most {@link #CAPACITY} tokens, the least
 * recently used going first, each kept no longer than its own {@code exp}.
 */
final class VerifiedTokens {
    static final int CAPACITY = 1024;

    private final LinkedHashMap<String, JsonNode> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The claims of {@code token} if its signature was verified and it has not expired by {@code nowSeconds}. */
    synchronized JsonNode get(String token, long nowSeconds) {
        String key = digest(token);
        JsonNode claims = entries.get(key);
        if (claims != null && !(JwtClaims.seconds(claims, "exp") instanceof Long exp && exp > nowSeconds)) {
            entries.remove(key);
            return null;
        }
        return claims;
    }

    synchronized void put(String token, JsonNode claims) {
        entries.put(digest(token), claims);
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
