package dev.portico.apikey;

import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.route.source.Dynalite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The API key stage's cost and accuracy against dynalite, through the gateway (a MOCK route): DynamoDB reads and
 * writes per 1,000 requests on one key at steady state, the added latency of a request that costs no call and of
 * one that renews a lease, and what four instances sharing one key admit against its quota and its rate limit.
 * Measures, asserts nothing: {@code ./mvnw -B test -Dtest=ApiKeysBench -Dportico.bench=true}.
 */
@EnabledIfSystemProperty(named = "portico.bench", matches = "true")
class ApiKeysBench {
    private static final String TABLE = "bench-keys";
    private static final String KEY = "bench-key-0123456789abcdefghij";

    @Test
    void printFigures() throws Exception {
        try (Dynalite dynalite = Dynalite.start()) {
            ApiKeyStore setup = new ApiKeyStore(dynalite.client(), TABLE);
            setup.createTable();
            rawCalls(dynalite);
            steadyState(dynalite, setup);
            overshoot(dynalite, setup);
        }
    }

    /** What one DynamoDB call costs here, apart from Portico: dynalite's reads and conditional writes. */
    private static void rawCalls(Dynalite dynalite) {
        ApiKeyStore store = new ApiKeyStore(dynalite.client(), TABLE);
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Instant end = Instant.parse("2026-04-01T00:00:00Z");
        long[] reads = new long[300];
        long[] writes = new long[300];
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int i = 0; i < reads.length; i++) {
                long t = System.nanoTime();
                store.quotaUsed("raw", "raw", start);
                reads[i] = System.nanoTime() - t;
                t = System.nanoTime();
                store.reserveQuota("raw", "raw", start, end, 1, Long.MAX_VALUE / 2);
                writes[i] = System.nanoTime() - t;
            }
        }
        System.out.printf(Locale.ROOT, "dynalite on 127.0.0.1: GetItem median %.2f ms, conditional UpdateItem median "
                + "%.2f ms%n", median(reads) / 1e6, median(writes) / 1e6);
    }

    /** One instance, one key at 1,000 requests a second (a clock moved 1 ms a request): calls and latency. */
    private static void steadyState(Dynalite dynalite, ApiKeyStore setup) {
        setup.putPlan(new UsagePlan("steady", "steady", new Throttle(2000, 4000),
                new Quota(100_000_000, 0, Quota.Period.MONTH, null),
                List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        setup.putKey(new ApiKey("k-steady", "steady", true, Set.of("steady")), KEY, Instant.now());
        ApiKeyStore store = new ApiKeyStore(dynalite.client(), TABLE);
        AtomicLong clock = new AtomicLong(ApiKeysTest.MONDAY);
        Portico keyed = ApiKeysTest.gateway(new ApiKeys(store, ApiKeySettings.DEFAULTS, clock::get));
        for (int i = 0; i < 5_000; i++) { // warm-up: JIT, the client's connections, the caches
            clock.incrementAndGet();
            ApiKeysTest.call(keyed, "GET", "/pets", KEY);
            ApiKeysTest.call(keyed, "GET", "/open", null);
        }
        int runs = 30_000;
        long reads = store.reads();
        long writes = store.writes();
        List<Long> hits = new ArrayList<>();
        List<Long> renewals = new ArrayList<>();
        long[] open = new long[runs];
        long renewalCalls = 0;
        for (int i = 0; i < runs; i++) {
            clock.incrementAndGet();
            long before = store.reads() + store.writes();
            long start = System.nanoTime();
            OutgoingResponse answer = ApiKeysTest.call(keyed, "GET", "/pets", KEY);
            long took = System.nanoTime() - start;
            if (answer.status() != 200) {
                throw new IllegalStateException("refused at steady state: " + answer.status());
            }
            long calls = store.reads() + store.writes() - before;
            (calls == 0 ? hits : renewals).add(took);
            renewalCalls += calls;
            start = System.nanoTime();
            ApiKeysTest.call(keyed, "GET", "/open", null);
            open[i] = System.nanoTime() - start;
        }
        double per1000 = 1000.0 / runs;
        long openMedian = median(open);
        System.out.printf(Locale.ROOT, "api keys, one key, one instance, %d requests at 1,000/s (simulated clock; "
                        + "cache-ttl 10s, token-lease 200ms, quota block 100):%n", runs);
        System.out.printf(Locale.ROOT, "  DynamoDB per 1,000 requests: %.2f reads, %.2f writes%n",
                (store.reads() - reads) * per1000, (store.writes() - writes) * per1000);
        System.out.printf(Locale.ROOT, "  open route (no key) median %.1f us; keyed, no call (%d): median %.1f us, "
                        + "added %.1f us; keyed, with a call (%d requests, %.2f calls each): median %.2f ms, added %.2f ms "
                        + "(dynalite on 127.0.0.1)%n",
                openMedian / 1e3, hits.size(), median(hits) / 1e3, (median(hits) - openMedian) / 1e3,
                renewals.size(), (double) renewalCalls / Math.max(1, renewals.size()), median(renewals) / 1e6,
                (median(renewals) - openMedian) / 1e6);
    }

    /** Four instances (each its own client and leases) on four threads, on one key: quota, then rate limit. */
    private static void overshoot(Dynalite dynalite, ApiKeyStore setup) throws Exception {
        int instances = 4;
        int quota = 2_000;
        setup.putPlan(new UsagePlan("shared-quota", "shared quota", null, new Quota(quota, 0, Quota.Period.DAY, null),
                List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        setup.putKey(new ApiKey("k-shared-quota", "q", true, Set.of("shared-quota")), "shared-quota-key-0123456789",
                Instant.now());
        int[] q = hammer(dynalite, instances, "shared-quota-key-0123456789", 800, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "api keys, 4 instances on one key: quota %d, %d sent, %d admitted "
                        + "(overshoot %d, unused %d; the bound: overshoot 0, unused at most 4 x (block 20 - 1) = 76)%n",
                quota, instances * 800, q[0], Math.max(0, q[0] - quota), Math.max(0, quota - q[0]));

        double rate = 100;
        int burst = 50;
        setup.putPlan(new UsagePlan("shared-rate", "shared rate", new Throttle(rate, burst), null,
                List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        setup.putKey(new ApiKey("k-shared-rate", "r", true, Set.of("shared-rate")), "shared-rate-key-0123456789",
                Instant.now());
        long start = System.nanoTime();
        int[] r = hammer(dynalite, instances, "shared-rate-key-0123456789", Integer.MAX_VALUE,
                start + 5_000_000_000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        double ideal = burst + rate * seconds;
        System.out.printf(Locale.ROOT, "api keys, 4 instances on one key: rate %.0f/s burst %d for %.2f s, %d sent, "
                        + "%d admitted; one exact bucket admits %.0f: %+.1f%% (the bound: burst + rate x (T + 0.2 s) = %.0f)%n",
                rate, burst, seconds, r[0] + r[1], r[0], ideal, 100.0 * (r[0] - ideal) / ideal,
                burst + rate * (seconds + 0.2));
    }

    /** @return admitted, refused */
    private static int[] hammer(Dynalite dynalite, int instances, String key, int each, long deadlineNanos)
            throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Portico instance = ApiKeysTest.gateway(new ApiKeys(new ApiKeyStore(dynalite.client(), TABLE),
                        ApiKeySettings.DEFAULTS, System::currentTimeMillis));
                running.add(pool.submit(() -> {
                    for (int n = 0; n < each && System.nanoTime() < deadlineNanos; n++) {
                        int status = ApiKeysTest.call(instance, "GET", "/pets", key).status();
                        (status == 200 ? admitted : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new int[] {admitted.get(), refused.get()};
    }

    private static long median(List<Long> values) {
        return median(values.stream().mapToLong(Long::longValue).toArray());
    }

    private static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
