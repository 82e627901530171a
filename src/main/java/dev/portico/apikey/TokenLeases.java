package dev.portico.apikey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets shared by every instance: the bucket's tokens and the time they were counted live in one DynamoDB
 * item; an instance refills it by the time passed, takes a lease of tokens and writes the rest back, conditionally
 * on the state it read (compare and set), so that no two instances take the same tokens. A lease holds the tokens
 * of one lease window at the bucket's rate (at least 1, at most the burst) and lapses after that window, so that
 * tokens taken long ago cannot pile up into a burst. The lease an instance asks for follows its own traffic: it
 * doubles when a lease ran out before its window ended and halves when one lapsed with tokens left, so that a
 * quiet instance does not hold tokens a busy one needs.
 *
 * <p>The bound (README, "API keys"): every admitted request spent a token taken from the shared bucket no more than
 * one window earlier, so over any interval T the instances together admit at most {@code burst + rate * (T + W)},
 * W the lease window, plus {@code rate} times the clock difference between instances. API Gateway calls its own
 * throttling best effort; this one errs towards refusing: a lapsed lease's tokens are lost.
 *
 * <p>A throttling decision uses the state this instance last saw: tokens only leave the bucket, so the true state
 * holds no more than that state refilled, and refusing on it is never wrong. Only a lease costs a call: one
 * conditional write at steady state, a read and another write when another instance wrote in between.
 */
final class TokenLeases {
    private static final int MAX_ENTRIES = 10_000;
    private static final int ATTEMPTS = 5;

    private static final class Lease {
        long remaining;
        long expiresMillis;
        /** Tokens the next lease asks for: doubled when a lease ran out early, halved when one lapsed unused. */
        long size = 1;
        ApiKeyStore.BucketState seen;
    }

    private final ApiKeyStore store;
    private final long windowMillis;
    private final Map<String, Lease> leases = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lease> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    TokenLeases(ApiKeyStore store, long windowMillis) {
        this.store = store;
        this.windowMillis = Math.max(1, windowMillis);
    }

    /** The tokens one lease asks for. */
    static long leaseSize(Throttle throttle, long windowMillis) {
        long tokens = Math.round(throttle.rateLimit() * windowMillis / 1000.0);
        return Math.max(1, Math.min(throttle.capacity(), tokens));
    }

    /**
     * Takes one token of {@code bucket} at {@code nowMillis}.
     *
     * @return false when the bucket is empty (or stayed contended through every attempt)
     * @throws StoreUnavailableException when a lease was due and the store could not be asked
     */
    synchronized boolean admit(String bucket, Throttle throttle, long nowMillis) {
        Lease lease = leases.computeIfAbsent(bucket, k -> new Lease());
        if (lease.remaining > 0 && nowMillis < lease.expiresMillis) {
            lease.remaining--;
            return true;
        }
        long most = leaseSize(throttle, windowMillis);
        if (lease.remaining > 0) {
            lease.size = Math.max(1, lease.size / 2);
        } else if (nowMillis < lease.expiresMillis) {
            lease.size = Math.min(most, lease.size * 2);
        }
        lease.remaining = 0;
        long full = throttle.capacity() * 1000;
        ApiKeyStore.BucketState state = lease.seen != null ? lease.seen : store.bucket(bucket, full, nowMillis);
        long want = Math.min(most, lease.size);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long at = Math.max(nowMillis, state.atMillis());
            long refilled = Math.min(full, state.milliTokens()
                    + (long) Math.floor((at - state.atMillis()) * throttle.rateLimit()));
            if (refilled < 1000) {
                lease.seen = state;
                return false;
            }
            long take = Math.min(want, refilled / 1000);
            ApiKeyStore.BucketState next = new ApiKeyStore.BucketState(refilled - take * 1000, at, true);
            if (store.replaceBucket(bucket, state, next)) {
                lease.seen = next;
                lease.remaining = take - 1;
                lease.expiresMillis = nowMillis + windowMillis;
                return true;
            }
            state = store.bucket(bucket, full, nowMillis);
        }
        lease.seen = null;
        return false;
    }
}
