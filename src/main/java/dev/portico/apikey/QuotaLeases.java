package dev.portico.apikey;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quota counting shared by every instance: the count of a key, plan and period lives in one DynamoDB item, and
 * an instance reserves a block of requests at a time with a conditional {@code ADD} that never takes the count past
 * the limit ({@link ApiKeyStore#reserveQuota}). Requests inside a block cost no call.
 *
 * <p>The bound (README, "API keys"): the stored count never passes the limit, so the instances together never admit
 * more than the quota. What a block costs instead is requests reserved but not used: an instance that stops
 * receiving traffic keeps up to {@code block - 1} of them until the period ends, so N instances can refuse at most
 * {@code N * (block - 1)} requests the quota still had. The block is 1% of the limit, at least 1 and at most
 * {@code maxBlock}; once a block no longer fits, requests are reserved one at a time.
 */
final class QuotaLeases {
    private static final int MAX_ENTRIES = 10_000;

    private static final class Lease {
        long remaining;
        long exhaustedUntilMillis;
    }

    private final ApiKeyStore store;
    private final long maxBlock;
    private final long recheckMillis;
    private final Map<String, Lease> leases = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lease> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * @param recheckMillis how long a quota found used up is believed before the store is asked again (a raised
     *                      limit then takes effect)
     */
    QuotaLeases(ApiKeyStore store, long maxBlock, long recheckMillis) {
        this.store = store;
        this.maxBlock = Math.max(1, maxBlock);
        this.recheckMillis = recheckMillis;
    }

    static long block(long limit, long maxBlock) {
        return Math.max(1, Math.min(maxBlock, limit / 100));
    }

    /**
     * Counts one request of {@code keyId} under {@code plan}'s quota at {@code nowMillis}.
     *
     * @return false when the quota of the period is used up
     * @throws StoreUnavailableException when a block was due and the store could not be asked
     */
    synchronized boolean admit(UsagePlan plan, String keyId, long nowMillis) {
        Quota quota = plan.quota();
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant start = quota.periodStart(now);
        long limit = quota.limitAt(now);
        String id = plan.id() + "#" + keyId + "#" + start;
        Lease lease = leases.computeIfAbsent(id, k -> new Lease());
        if (lease.remaining > 0) {
            lease.remaining--;
            return true;
        }
        if (nowMillis < lease.exhaustedUntilMillis) {
            return false;
        }
        long granted = store.reserveQuota(plan.id(), keyId, start, quota.periodEnd(now), block(limit, maxBlock), limit);
        if (granted == 0) {
            lease.exhaustedUntilMillis = Math.min(nowMillis + recheckMillis, quota.periodEnd(now).toEpochMilli());
            return false;
        }
        lease.remaining = granted - 1;
        return true;
    }
}
