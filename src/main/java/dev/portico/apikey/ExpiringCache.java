package dev.portico.apikey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the store said about a key or a plan, kept for a short time so that a request normally costs no DynamoDB
 * read; absent items are kept too, so that a client repeating a wrong key costs one read per interval. When the
 * store cannot be asked, an expired entry still answers (the key is known) and the failure goes to the caller's
 * policy only for items never seen. At most {@code capacity} entries, the least recently used dropped first.
 */
final class ExpiringCache<T> {
    private record Held<T>(Optional<T> value, long fetchedMillis) {}

    /** The answer and whether it came from an entry that had expired because the store failed. */
    record Lookup<T>(Optional<T> value, boolean stale) {}

    private final long ttlMillis;
    private final LongSupplier clock;
    private final Map<String, Held<T>> entries;

    ExpiringCache(long ttlMillis, int capacity, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @throws StoreUnavailableException when the store fails and nothing was ever cached for {@code key}
     */
    Lookup<T> get(String key, Function<String, Optional<T>> load) {
        long now = clock.getAsLong();
        Held<T> entry;
        synchronized (this) {
            entry = entries.get(key);
        }
        if (entry != null && now - entry.fetchedMillis() < ttlMillis) {
            return new Lookup<>(entry.value(), false);
        }
        try {
            Optional<T> value = load.apply(key);
            synchronized (this) {
                entries.put(key, new Held<>(value, now));
            }
            return new Lookup<>(value, false);
        } catch (StoreUnavailableException e) {
            if (entry == null) {
                throw e;
            }
            return new Lookup<>(entry.value(), true);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
