package dev.portico.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.Observability;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.Dynalite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key stage through the gateway, against dynalite: key checks and their 403, a plan's quota over periods
 * (the clock moved by hand), its rate and burst limits and per-method overrides, two instances sharing one quota,
 * the gateway responses that customise each answer, and what DynamoDB being unreachable does.
 */
class ApiKeysTest {
    @RegisterExtension
    static final Dynalite DYNALITE = new Dynalite();

    static final String TABLE = "portico-keys";
    static final String GOOD = "good-key-0123456789abcdef";
    static final String DISABLED = "disabled-key-0123456789abcdef";
    static final String OTHER_STAGE = "other-stage-key-0123456789abcdef";
    /** 2026-03-02T10:00Z, a Monday. */
    static final long MONDAY = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseTemplates:
                          application/json: '{"keyId": "$context.identity.apiKeyId"}'
            """;
    static final String ROUTES = """
            openapi: 3.0.1
            info: {title: keyed, version: "1"}
            paths:
              /pets:
                get:
                  security: [{api_key: []}]
            %1$s
                post:
                  security: [{api_key: []}]
            %1$s
              /open:
                get:
            %1$s
            x-amazon-apigateway-gateway-responses:
              QUOTA_EXCEEDED:
                statusCode: 429
                responseTemplates:
                  application/json: '{"quota": "used", "type": "$context.error.responseType"}'
            components:
              securitySchemes:
                api_key: {type: apiKey, name: x-api-key, in: header}
            """.formatted(MOCK.stripTrailing());

    static ApiKeyStore store;

    @BeforeAll
    static void keys() {
        store = new ApiKeyStore(DYNALITE.client(), TABLE);
        store.createTable();
        Instant created = Instant.ofEpochMilli(MONDAY);
        store.putPlan(new UsagePlan("plan-quota", "Quota", null,
                new Quota(5, 0, Quota.Period.DAY, null), List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        store.putPlan(new UsagePlan("plan-rate", "Rate", new Throttle(1, 3), null,
                List.of(new UsagePlan.ApiStage("portico", "prod", Map.of("/pets/POST", new Throttle(0.5, 1))))));
        store.putPlan(new UsagePlan("plan-beta", "Beta", null, null,
                List.of(new UsagePlan.ApiStage("portico", "beta", Map.of()))));
        store.putKey(new ApiKey("k-good", "good", true, Set.of("plan-quota")), GOOD, created);
        store.putKey(new ApiKey("k-disabled", "off", false, Set.of("plan-quota")), DISABLED, created);
        store.putKey(new ApiKey("k-beta", "beta only", true, Set.of("plan-beta")), OTHER_STAGE, created);
    }

    static RouteTable table() {
        return RouteTables.loader().load("keyed.yaml", ROUTES.getBytes(StandardCharsets.UTF_8));
    }

    static Portico gateway(ApiKeys keys) {
        PorticoSettings settings = PorticoSettings.defaults();
        RouteTable table = table();
        return new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings), settings,
                Observability.off(), keys);
    }

    static ApiKeys keys(ApiKeyStore store, AtomicLong clock) {
        return new ApiKeys(store, ApiKeySettings.DEFAULTS, clock::get);
    }

    static OutgoingResponse call(Portico portico, String method, String path, String key) {
        Headers headers = new Headers().add("Host", "api.example.com");
        if (key != null) {
            headers.add("x-api-key", key);
        }
        return portico.respond(new IncomingRequest(CallerFormat.REST_V1, method, path, Map.of(), headers.freeze(),
                new byte[0], false, "198.51.100.1", UUID.randomUUID().toString(), MONDAY, "api.example.com"));
    }

    static String body(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aRequiredKeyMustBeKnownEnabledAndInAPlanOfTheStage() {
        AtomicLong clock = new AtomicLong(MONDAY);
        Portico portico = gateway(keys(store, clock));
        for (String key : new String[] {null, "", "short", "unknown-key-0123456789abcdef", DISABLED, OTHER_STAGE}) {
            OutgoingResponse refused = call(portico, "GET", "/pets", key);
            assertEquals(403, refused.status(), key);
            assertEquals("{\"message\":\"Forbidden\"}", body(refused), key);
            assertEquals("ForbiddenException", refused.headers().last("x-amzn-ErrorType"), key);
        }
        OutgoingResponse admitted = call(portico, "GET", "/pets", GOOD);
        assertEquals(200, admitted.status(), body(admitted));
        assertEquals("{\"keyId\": \"k-good\"}", body(admitted));
        assertEquals("{\"keyId\": \"\"}", body(call(portico, "GET", "/open", null)), "no key, no key id");
    }

    @Test
    void theQuotaHoldsForItsPeriodAndRollsOverWithTheNextOne() {
        ApiKeyStore own = new ApiKeyStore(DYNALITE.client(), TABLE);
        own.putKey(new ApiKey("k-quota", "quota", true, Set.of("plan-quota")), "quota-key-0123456789abcdef",
                Instant.ofEpochMilli(MONDAY));
        AtomicLong clock = new AtomicLong(MONDAY);
        Portico portico = gateway(keys(own, clock));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, call(portico, "GET", "/pets", "quota-key-0123456789abcdef").status(), "request " + i);
        }
        OutgoingResponse over = call(portico, "GET", "/pets", "quota-key-0123456789abcdef");
        assertEquals(429, over.status());
        assertEquals("{\"quota\": \"used\", \"type\": \"QUOTA_EXCEEDED\"}", body(over), "customised");
        assertEquals("LimitExceededException", over.headers().last("x-amzn-ErrorType"));

        clock.set(Instant.parse("2026-03-02T23:59:59Z").toEpochMilli());
        assertEquals(429, call(portico, "GET", "/pets", "quota-key-0123456789abcdef").status(), "same day");
        clock.set(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli());
        assertEquals(200, call(portico, "GET", "/pets", "quota-key-0123456789abcdef").status(), "the next day");
        assertEquals(5, own.quotaUsed("plan-quota", "k-quota", Instant.parse("2026-03-02T00:00:00Z")));
        assertEquals(1, own.quotaUsed("plan-quota", "k-quota", Instant.parse("2026-03-03T00:00:00Z")));
    }

    @Test
    void periodsAndTheInitialOffset() {
        Instant start = Instant.parse("2026-03-04T12:00:00Z"); // a Wednesday
        Quota weekly = new Quota(100, 30, Quota.Period.WEEK, start);
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), weekly.periodStart(start));
        assertEquals(Instant.parse("2026-03-09T00:00:00Z"), weekly.periodEnd(start));
        assertEquals(70, weekly.limitAt(start), "the offset is taken off the initial period");
        assertEquals(100, weekly.limitAt(Instant.parse("2026-03-09T00:00:00Z")));
        Quota monthly = new Quota(10, 0, Quota.Period.MONTH, null);
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), monthly.periodStart(Instant.parse("2026-02-28T23:59:59Z")));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), monthly.periodEnd(Instant.parse("2026-02-28T23:59:59Z")));
    }

    @Test
    void rateBurstAndAMethodOverride() {
        ApiKeyStore own = new ApiKeyStore(DYNALITE.client(), TABLE);
        String value = "rate-key-0123456789abcdef";
        own.putKey(new ApiKey("k-rate", "rate", true, Set.of("plan-rate")), value, Instant.ofEpochMilli(MONDAY));
        AtomicLong clock = new AtomicLong(MONDAY);
        Portico portico = gateway(keys(own, clock));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, call(portico, "GET", "/pets", value).status(), "burst " + i);
        }
        OutgoingResponse throttled = call(portico, "GET", "/pets", value);
        assertEquals(429, throttled.status());
        assertEquals("{\"message\":\"Too Many Requests\"}", body(throttled));
        assertEquals("TooManyRequestsException", throttled.headers().last("x-amzn-ErrorType"));
        clock.addAndGet(1000);
        assertEquals(200, call(portico, "GET", "/pets", value).status(), "one token a second");
        assertEquals(429, call(portico, "GET", "/pets", value).status());

        // POST /pets has its own bucket: burst 1, one token every 2 s
        assertEquals(200, call(portico, "POST", "/pets", value).status());
        assertEquals(429, call(portico, "POST", "/pets", value).status());
        clock.addAndGet(1000);
        assertEquals(429, call(portico, "POST", "/pets", value).status(), "half a token");
        clock.addAndGet(1000);
        assertEquals(200, call(portico, "POST", "/pets", value).status());
    }

    @Test
    void twoInstancesShareOneQuotaAndNeverPassIt() {
        ApiKeyStore own = new ApiKeyStore(DYNALITE.client(), TABLE);
        String value = "shared-key-0123456789abcdef";
        own.putPlan(new UsagePlan("plan-shared", "Shared", null, new Quota(1000, 0, Quota.Period.MONTH, null),
                List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        own.putKey(new ApiKey("k-shared", "shared", true, Set.of("plan-shared")), value, Instant.ofEpochMilli(MONDAY));
        AtomicLong clock = new AtomicLong(MONDAY);
        Portico first = gateway(keys(new ApiKeyStore(DYNALITE.client(), TABLE), clock));
        Portico second = gateway(keys(new ApiKeyStore(DYNALITE.client(), TABLE), clock));
        AtomicInteger admitted = new AtomicInteger();
        for (int i = 0; i < 1100; i++) {
            if (call(i % 3 == 0 ? second : first, "GET", "/pets", value).status() == 200) {
                admitted.incrementAndGet();
            }
        }
        assertTrue(admitted.get() <= 1000, "never past the quota: " + admitted);
        long block = QuotaLeases.block(1000, ApiKeySettings.DEFAULTS.quotaBlock());
        assertTrue(admitted.get() >= 1000 - 2 * (block - 1), "at most one block each unused: " + admitted);
        assertEquals(1000, own.quotaUsed("plan-shared", "k-shared", Instant.parse("2026-03-01T00:00:00Z")));
    }

    @Test
    void whenDynamoDbIsUnreachableKnownKeysPassAndUnknownOnesAnswer500() {
        Dynalite lonely = Dynalite.start();
        ApiKeyStore own = new ApiKeyStore(lonely.client(), TABLE);
        own.createTable();
        own.putPlan(new UsagePlan("plan-quota", "Quota", new Throttle(100, 100),
                new Quota(5, 0, Quota.Period.DAY, null), List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        own.putKey(new ApiKey("k-known", "known", true, Set.of("plan-quota")), GOOD, Instant.ofEpochMilli(MONDAY));
        AtomicLong clock = new AtomicLong(MONDAY);
        ApiKeys keys = new ApiKeys(own, new ApiKeySettings(Duration.ofSeconds(10), 1, Duration.ofMillis(1), false,
                true, null), clock::get);
        Portico portico = gateway(keys);
        assertEquals(200, call(portico, "GET", "/pets", GOOD).status());
        lonely.close();
        clock.addAndGet(60_000); // the cache has expired: every lookup and count goes to the store
        OutgoingResponse known = call(portico, "GET", "/pets", GOOD);
        assertEquals(200, known.status(), "known key, counts fail open: " + body(known));
        OutgoingResponse unknown = call(portico, "GET", "/pets", "never-seen-key-0123456789abcdef");
        assertEquals(500, unknown.status(), "a key never seen fails closed");
        assertEquals("{\"message\": \"Internal server error\"}", body(unknown));
        assertTrue(keys.storeFailures() >= 2, "counted: " + keys.storeFailures());
        assertEquals(200, call(portico, "GET", "/open", null).status(), "routes without keys need no store");

        ApiKeys closed = new ApiKeys(own, new ApiKeySettings(Duration.ofSeconds(10), 1, Duration.ofMillis(1), true,
                false, null), clock::get);
        Portico strict = gateway(closed);
        assertEquals(200, call(strict, "GET", "/pets", "never-seen-key-0123456789abcdef").status(),
                "unknown keys fail open when configured so");
    }

    @Test
    void theAccessLogNamesTheKeyAndTheRefusal() {
        List<String> lines = new java.util.ArrayList<>();
        PorticoSettings settings = PorticoSettings.defaults();
        RouteTable table = table();
        Portico portico = new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings),
                settings, new Observability(dev.portico.observability.AccessLogFormat.compile(
                        "$context.requestId $context.identity.apiKeyId $context.status $context.error.responseType"), null, null,
                        lines::add), keys(store, new AtomicLong(MONDAY)));
        for (String key : new String[] {GOOD, "unknown-key-0123456789abcdef"}) {
            portico.handle(("{\"resource\": \"/pets\", \"path\": \"/pets\", \"httpMethod\": \"GET\", "
                    + "\"headers\": {\"x-api-key\": \"" + key + "\"}, \"multiValueHeaders\": {\"x-api-key\": [\"" + key
                    + "\"]}, \"requestContext\": {\"stage\": \"prod\", \"requestId\": \"r-1\", \"httpMethod\": \"GET\", "
                    + "\"path\": \"/prod/pets\", \"resourcePath\": \"/pets\", \"identity\": {\"sourceIp\": \"198.51.100.1\"}}, "
                    + "\"body\": null, \"isBase64Encoded\": false}").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("r-1 k-good 200 -", "r-1 - 403 INVALID_API_KEY"), lines);
    }

    @Test
    void theApiWideLimitCountsEveryRequestOfTheStage() {
        AtomicLong clock = new AtomicLong(MONDAY);
        ApiKeyStore own = new ApiKeyStore(DYNALITE.client(), TABLE);
        Portico portico = gateway(new ApiKeys(own, new ApiKeySettings(Duration.ofSeconds(10), 100,
                Duration.ofMillis(200), false, true, new Throttle(1, 2)), clock::get));
        assertEquals(200, call(portico, "GET", "/open", null).status());
        assertEquals(200, call(portico, "GET", "/pets", GOOD).status());
        OutgoingResponse throttled = call(portico, "GET", "/open", null);
        assertEquals(429, throttled.status(), "the burst of 2 is spent, keyed or not");
        assertEquals("{\"message\":\"Too Many Requests\"}", body(throttled));
        assertEquals(429, call(portico, "GET", "/pets", null).status(), "before the key is even looked at");
        clock.addAndGet(1000);
        assertEquals(200, call(portico, "GET", "/open", null).status());
    }

    @Test
    void withoutATableAKeyedRouteAnswers500AndOpenRoutesServe() {
        Portico portico = gateway(ApiKeys.none());
        assertEquals(500, call(portico, "GET", "/pets", GOOD).status());
        assertEquals(403, call(portico, "GET", "/pets", null).status(), "a missing key needs no table to refuse");
        assertEquals(200, call(portico, "GET", "/open", null).status());
    }
}
