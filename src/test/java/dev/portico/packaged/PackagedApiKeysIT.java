package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.apikey.ApiKey;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.Quota;
import dev.portico.apikey.Throttle;
import dev.portico.apikey.UsagePlan;
import dev.portico.route.source.Dynalite;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Through the packaged function.zip under the Lambda runtime: API keys for every caller format (403 without or with
 * a wrong key, the key id in {@code $context.identity.apiKeyId} with a good one), and several runtime processes of
 * the function at once spending one key, sharing its quota and its rate limit through dynalite: the admitted count
 * stays within the bounds the README states.
 */
class PackagedApiKeysIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "portico-api-keys";
    private static final int PROCESSES = 3;
    private static final String QUOTA_KEY = "quota-key-packaged-0123456789";
    private static final String RATE_KEY = "rate-key-packaged-0123456789";
    private static final int QUOTA = 300;
    private static final double RATE = 20;
    private static final int BURST = 10;
    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: keyed-orders, version: "1"}
            paths:
              /orders:
                get:
                  security: [{api_key: []}]
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseTemplates:
                          application/json: '{"keyId": "$context.identity.apiKeyId"}'
            components:
              securitySchemes:
                api_key: {type: apiKey, name: x-api-key, in: header}
            """;

    @Test
    void processesShareOneKeysQuotaAndRateLimit() throws Exception {
        Path routes = Files.createTempFile("portico-api-keys", ".yaml");
        Files.writeString(routes, ROUTES);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        List<PackagedFunction> functions = new ArrayList<>();
        try (Dynalite dynalite = Dynalite.start()) {
            ApiKeyStore store = new ApiKeyStore(dynalite.client(), TABLE);
            store.createTable();
            store.putPlan(new UsagePlan("quota", "Quota", null, new Quota(QUOTA, 0, Quota.Period.DAY, null),
                    List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
            store.putPlan(new UsagePlan("rate", "Rate", new Throttle(RATE, BURST), null,
                    List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
            store.putKey(new ApiKey("k-quota", "quota", true, Set.of("quota")), QUOTA_KEY, Instant.now());
            store.putKey(new ApiKey("k-rate", "rate", true, Set.of("rate")), RATE_KEY, Instant.now());
            for (int i = 0; i < PROCESSES; i++) {
                functions.add(PackagedFunction.start(PackagedFunction.Config.forProject(PROJECT)
                        .withEnv(Map.of("PORTICO_ROUTES", routes.toString(), "PORTICO_API_KEYS_TABLE", TABLE,
                                "portico.aws.endpoint-override.dynamodb", dynalite.endpoint(),
                                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"))
                        .withLogs(logs)));
            }
            PackagedFunction first = functions.get(0);
            for (EventFormat format : EventFormat.values()) {
                Answer missing = invoke(first, format, null);
                assertEquals(403, missing.status(), format + ": " + missing.bodyText());
                assertEquals("{\"message\":\"Forbidden\"}", missing.bodyText(), format.label());
                Answer wrong = invoke(first, format, "wrong-key-0123456789abcdef");
                assertEquals(403, wrong.status(), format + ": " + wrong.bodyText());
                Answer admitted = invoke(first, format, RATE_KEY);
                assertEquals(200, admitted.status(), format + ": " + admitted.bodyText());
                assertEquals("k-rate", JSON.readTree(admitted.body()).path("keyId").asText(), format.label());
            }

            // the quota: 390 requests for 300; block = 3, so at most 3 * 2 unused
            int[] quota = spend(functions, QUOTA_KEY, 130, Long.MAX_VALUE);
            assertTrue(quota[0] <= QUOTA, "never past the quota: " + quota[0]);
            assertTrue(quota[0] >= QUOTA - PROCESSES * 2, "at most a block each left unused: " + quota[0]);
            assertEquals(PROCESSES * 130 - quota[0], quota[1], "the rest answered 429 Limit Exceeded");
            assertEquals(QUOTA, store.quotaUsed("quota", "k-quota",
                    new Quota(QUOTA, 0, Quota.Period.DAY, null).periodStart(Instant.now())), "reserved to the limit");

            // the rate limit: as fast as the processes go for 3 s
            Thread.sleep(1000); // the bucket refills after the format checks above
            long start = System.nanoTime();
            int[] rate = spend(functions, RATE_KEY, Integer.MAX_VALUE, start + 3_000_000_000L);
            double seconds = (System.nanoTime() - start) / 1e9;
            double bound = BURST + RATE * (seconds + 0.2);
            assertTrue(rate[0] <= bound, "admitted " + rate[0] + " in " + seconds + " s; bound " + bound);
            assertTrue(rate[1] > 0, "some were throttled: " + rate[0] + " admitted in " + seconds + " s");
            assertTrue(rate[0] >= BURST, "at least the burst: " + rate[0]);
            System.out.printf("packaged api keys: quota %d of %d admitted; rate %d admitted, %d throttled in %.2f s"
                    + " (bound %.1f)%n", quota[0], QUOTA, rate[0], rate[1], seconds, bound);
        } finally {
            for (PackagedFunction function : functions) {
                function.close();
            }
            Files.deleteIfExists(routes);
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /orders: API key from the x-api-key header, enforced by Portico"), log);
        assertFalse(log.contains(QUOTA_KEY) || log.contains(RATE_KEY), "no key value reaches the log");
    }

    /**
     * Each process, on its own thread, sends up to {@code each} requests (rotating through the caller formats) until
     * {@code deadlineNanos}.
     *
     * @return admitted, refused with 429
     */
    private static int[] spend(List<PackagedFunction> functions, String key, int each, long deadlineNanos)
            throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(functions.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (PackagedFunction function : functions) {
                running.add(pool.submit(() -> {
                    EventFormat[] formats = EventFormat.values();
                    for (int i = 0; i < each && System.nanoTime() < deadlineNanos; i++) {
                        Answer answer = invoke(function, formats[i % formats.length], key);
                        if (answer.status() == 200) {
                            admitted.incrementAndGet();
                        } else if (answer.status() == 429) {
                            refused.incrementAndGet();
                        } else {
                            throw new AssertionError(answer.status() + " " + answer.bodyText());
                        }
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

    private static Answer invoke(PackagedFunction function, EventFormat format, String key) throws Exception {
        HeaderList headers = new HeaderList().add("Host", "api.example.com").add("Accept", "application/json");
        if (key != null) {
            headers.add("x-api-key", key);
        }
        ClientRequest request = new ClientRequest("GET", "/orders", "", headers, null, "198.51.100.7");
        Result result = function.invoke(CallerEvents.build(format, request, "prod", "req-" + format.label()));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }
}
