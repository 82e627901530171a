package dev.portico.authorizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Authorizer answers kept for their route's {@code authorizerResultTtlInSeconds}, keyed by the authorizer and a
 * digest of its identity source values (so that no token is held as a key), at most {@code capacity} of them: the
 * least recently used goes first. The answer is kept, not the decision, so that a cached policy is evaluated for
 * each new method ARN, as AWS documents.
 */
final class ResultCache {
    private record Cached(AuthorizerAnswer answer, long expiresNanos) {}

    private final int capacity;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Cached> entries;

    ResultCache(int capacity, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
    }

    /** The answer cached under {@code key} and not yet expired, or null. */
    synchronized AuthorizerAnswer get(String key) {
        Cached entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.expiresNanos() >= 0) {
            entries.remove(key);
            return null;
        }
        return entry.answer();
    }

    synchronized void put(String key, AuthorizerAnswer answer, int ttlSeconds) {
        entries.put(key, new Cached(answer, nanoTime.getAsLong() + ttlSeconds * 1_000_000_000L));
    }

    synchronized int size() {
        return entries.size();
    }
}
