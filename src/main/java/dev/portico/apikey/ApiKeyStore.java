package dev.portico.apikey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * API keys, usage plans and their shared counters in a DynamoDB table with a string partition key {@code pk} and
 * sort key {@code sk}: the route store's table or one beside it (docs/api-keys.md has the schema). Every call is
 * counted ({@link #reads()}, {@link #writes()}), for the benchmark and the log. An SDK failure becomes a
 * {@link StoreUnavailableException}; a lost conditional write is an answer, not a failure.
 */
public final class ApiKeyStore {
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String KEY = "KEY";
    private static final String PLAN = "PLAN";
    private static final String BUCKET = "BUCKET";
    /** Counters outlive their period by this long before DynamoDB's TTL (attribute {@code expiresAt}) removes them. */
    private static final long COUNTER_GRACE_SECONDS = 7 * 24 * 3600;

    private final DynamoDbClient client;
    private final String table;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    public ApiKeyStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public String describe() {
        return "dynamodb table " + table;
    }

    /** DynamoDB reads made so far (GetItem, Query, Scan pages). */
    public long reads() {
        return reads.get();
    }

    /** DynamoDB writes made so far, lost conditional writes included. */
    public long writes() {
        return writes.get();
    }

    // ---- keys

    /** The key whose value hashes to {@code hash}: one strongly consistent GetItem. */
    public Optional<ApiKey> keyByHash(String hash) {
        return get("APIKEY#" + hash, KEY).map(ApiKeyStore::key);
    }

    /** The key with API Gateway id {@code id}, through its id item. */
    public Optional<ApiKey> keyById(String id) {
        return hashOf(id).flatMap(this::keyByHash);
    }

    /**
     * Stores a key (its value hashed), replacing one of the same id; the id item that leads from the id to the hash
     * is written after the key, so a reader never finds an id without its key.
     */
    public void putKey(ApiKey key, String value, Instant created) {
        String hash = KeyHash.of(value);
        Optional<String> previous = hashOf(key.id());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("APIKEY#" + hash));
        item.put(SK, s(KEY));
        item.put("id", s(key.id()));
        item.put("name", s(key.name()));
        item.put("enabled", AttributeValue.fromBool(key.enabled()));
        item.put("createdDate", s(created.toString()));
        if (!key.plans().isEmpty()) {
            item.put("plans", AttributeValue.fromSs(List.copyOf(key.plans())));
        }
        call(() -> client.putItem(b -> b.tableName(table).item(item)), true);
        call(() -> client.putItem(b -> b.tableName(table).item(Map.of(PK, s("APIKEYID#" + key.id()), SK, s(KEY),
                "hash", s(hash)))), true);
        previous.filter(old -> !old.equals(hash)).ifPresent(old ->
                call(() -> client.deleteItem(b -> b.tableName(table).key(key("APIKEY#" + old, KEY))), true));
    }

    /** Enables or disables the key; false when there is no such key. */
    public boolean setEnabled(String id, boolean enabled) {
        Optional<String> hash = hashOf(id);
        if (hash.isEmpty()) {
            return false;
        }
        try {
            call(() -> client.updateItem(b -> b.tableName(table).key(key("APIKEY#" + hash.get(), KEY))
                    .updateExpression("SET enabled = :e").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromBool(enabled)))), true);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Deletes the key; false when there is no such key. */
    public boolean deleteKey(String id) {
        Optional<String> hash = hashOf(id);
        if (hash.isEmpty()) {
            return false;
        }
        call(() -> client.deleteItem(b -> b.tableName(table).key(key("APIKEY#" + hash.get(), KEY))), true);
        call(() -> client.deleteItem(b -> b.tableName(table).key(key("APIKEYID#" + id, KEY))), true);
        return true;
    }

    /** Adds the key to the plan, or takes it out; false when there is no such key. */
    public boolean planMembership(String keyId, String planId, boolean member) {
        Optional<String> hash = hashOf(keyId);
        if (hash.isEmpty()) {
            return false;
        }
        try {
            call(() -> client.updateItem(b -> b.tableName(table).key(key("APIKEY#" + hash.get(), KEY))
                    .updateExpression((member ? "ADD" : "DELETE") + " plans :p")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromSs(List.of(planId))))), true);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every key, by id. */
    public List<ApiKey> keys() {
        List<ApiKey> keys = new ArrayList<>();
        scan("APIKEY#").forEach(item -> keys.add(key(item)));
        keys.sort(java.util.Comparator.comparing(ApiKey::id));
        return keys;
    }

    private Optional<String> hashOf(String id) {
        return get("APIKEYID#" + id, KEY).map(item -> item.get("hash").s());
    }

    private static ApiKey key(Map<String, AttributeValue> item) {
        AttributeValue plans = item.get("plans");
        AttributeValue enabled = item.get("enabled");
        return new ApiKey(item.get("id").s(), item.containsKey("name") ? item.get("name").s() : "",
                enabled == null || Boolean.TRUE.equals(enabled.bool()),
                plans == null ? Set.of() : Set.copyOf(new TreeSet<>(plans.ss())));
    }

    // ---- plans

    public Optional<UsagePlan> plan(String id) {
        return get("PLAN#" + id, PLAN).map(ApiKeyStore::plan);
    }

    public void putPlan(UsagePlan plan) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("PLAN#" + plan.id()));
        item.put(SK, s(PLAN));
        item.put("id", s(plan.id()));
        item.put("name", s(plan.name()));
        if (plan.throttle() != null) {
            item.put("throttle", throttle(plan.throttle()));
        }
        if (plan.quota() != null) {
            Quota quota = plan.quota();
            Map<String, AttributeValue> q = new HashMap<>();
            q.put("limit", n(quota.limit()));
            q.put("offset", n(quota.offset()));
            q.put("period", s(quota.period().name()));
            if (quota.start() != null) {
                q.put("start", s(quota.start().toString()));
            }
            item.put("quota", AttributeValue.fromM(q));
        }
        List<AttributeValue> stages = new ArrayList<>();
        for (UsagePlan.ApiStage stage : plan.apiStages()) {
            Map<String, AttributeValue> overrides = new LinkedHashMap<>();
            stage.throttle().forEach((method, throttle) -> overrides.put(method, throttle(throttle)));
            stages.add(AttributeValue.fromM(Map.of("apiId", s(stage.apiId()), "stage", s(stage.stage()),
                    "throttle", AttributeValue.fromM(overrides))));
        }
        item.put("apiStages", AttributeValue.fromL(stages));
        call(() -> client.putItem(b -> b.tableName(table).item(item)), true);
    }

    public boolean deletePlan(String id) {
        Map<String, AttributeValue> old = call(() -> client.deleteItem(b -> b.tableName(table)
                .key(key("PLAN#" + id, PLAN)).returnValues(ReturnValue.ALL_OLD)), true).attributes();
        return old != null && !old.isEmpty();
    }

    public List<UsagePlan> plans() {
        List<UsagePlan> plans = new ArrayList<>();
        scan("PLAN#").forEach(item -> plans.add(plan(item)));
        plans.sort(java.util.Comparator.comparing(UsagePlan::id));
        return plans;
    }

    private static AttributeValue throttle(Throttle throttle) {
        return AttributeValue.fromM(Map.of("rateLimit", AttributeValue.fromN(Double.toString(throttle.rateLimit())),
                "burstLimit", n(throttle.burstLimit())));
    }

    private static Throttle throttle(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new Throttle(Double.parseDouble(m.get("rateLimit").n()), Integer.parseInt(m.get("burstLimit").n()));
    }

    private static UsagePlan plan(Map<String, AttributeValue> item) {
        Throttle throttle = item.containsKey("throttle") ? throttle(item.get("throttle")) : null;
        Quota quota = null;
        if (item.containsKey("quota")) {
            Map<String, AttributeValue> q = item.get("quota").m();
            quota = new Quota(Long.parseLong(q.get("limit").n()), Long.parseLong(q.get("offset").n()),
                    Quota.Period.parse(q.get("period").s()), q.containsKey("start") ? Instant.parse(q.get("start").s()) : null);
        }
        List<UsagePlan.ApiStage> stages = new ArrayList<>();
        if (item.containsKey("apiStages")) {
            for (AttributeValue stage : item.get("apiStages").l()) {
                Map<String, AttributeValue> m = stage.m();
                Map<String, Throttle> overrides = new LinkedHashMap<>();
                if (m.containsKey("throttle")) {
                    m.get("throttle").m().forEach((method, value) -> overrides.put(method, throttle(value)));
                }
                stages.add(new UsagePlan.ApiStage(m.get("apiId").s(), m.get("stage").s(), Map.copyOf(overrides)));
            }
        }
        return new UsagePlan(item.get("id").s(), item.containsKey("name") ? item.get("name").s() : "", throttle, quota,
                List.copyOf(stages));
    }

    // ---- counters

    /**
     * Reserves up to {@code block} requests of the quota counter of a key, plan and period, never taking the count
     * past {@code limit}: one conditional {@code ADD}; when the block no longer fits, one more for a single request.
     *
     * @return the requests reserved: {@code block}, 1, or 0 when the quota is used up
     */
    public long reserveQuota(String planId, String keyId, Instant periodStart, Instant periodEnd, long block,
                             long limit) {
        for (long n : block > 1 ? new long[] {block, 1} : new long[] {1}) {
            if (n > limit) {
                continue;
            }
            try {
                long want = n;
                call(() -> client.updateItem(b -> b.tableName(table)
                        .key(key("QUOTA#" + planId + "#" + keyId, periodStart.toString()))
                        .updateExpression("ADD used :n SET expiresAt = :ttl")
                        .conditionExpression("attribute_not_exists(used) OR used <= :max")
                        .expressionAttributeValues(Map.of(":n", n(want), ":max", n(limit - want),
                                ":ttl", n(periodEnd.getEpochSecond() + COUNTER_GRACE_SECONDS)))), true);
                return n;
            } catch (ConditionalCheckFailedException e) {
                // fewer than n left: try one, then give up
            }
        }
        return 0;
    }

    /** The requests counted against a key's plan in the period that starts at {@code periodStart}. */
    public long quotaUsed(String planId, String keyId, Instant periodStart) {
        return get("QUOTA#" + planId + "#" + keyId, periodStart.toString())
                .map(item -> item.containsKey("used") ? Long.parseLong(item.get("used").n()) : 0L).orElse(0L);
    }

    /** A token bucket's stored state: thousandths of a token, at a time in epoch milliseconds. */
    public record BucketState(long milliTokens, long atMillis, boolean exists) {}

    /** The bucket's state, or a full bucket at {@code nowMillis} when it has none yet. */
    public BucketState bucket(String bucket, long fullMilliTokens, long nowMillis) {
        return get("BUCKET#" + bucket, BUCKET)
                .map(item -> new BucketState(Long.parseLong(item.get("tokens").n()), Long.parseLong(item.get("at").n()),
                        true))
                .orElse(new BucketState(fullMilliTokens, nowMillis, false));
    }

    /**
     * Writes the bucket's new state provided it still holds {@code expected} (compare and set), so that two
     * instances never take the same tokens.
     *
     * @return false when another instance wrote first
     */
    public boolean replaceBucket(String bucket, BucketState expected, BucketState next) {
        Map<String, AttributeValue> item = Map.of(PK, s("BUCKET#" + bucket), SK, s(BUCKET),
                "tokens", n(next.milliTokens()), "at", n(next.atMillis()),
                "expiresAt", n(next.atMillis() / 1000 + COUNTER_GRACE_SECONDS));
        try {
            if (expected.exists()) {
                call(() -> client.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("tokens = :t AND #at = :a")
                        .expressionAttributeNames(Map.of("#at", "at"))
                        .expressionAttributeValues(Map.of(":t", n(expected.milliTokens()), ":a", n(expected.atMillis())))),
                        true);
            } else {
                call(() -> client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")),
                        true);
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Creates the table (on-demand) for local use; the same schema as the route store's. A create is not
     * idempotent (a retried one finds its own table), so it gets one long attempt instead of the client's short
     * ones.
     *
     * @throws ResourceInUseException when the table exists
     */
    public void createTable() {
        call(() -> client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(java.time.Duration.ofSeconds(20))
                        .apiCallTimeout(java.time.Duration.ofSeconds(20)))
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())), true);
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    // ---- plumbing

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = call(() -> client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(pk, sk))), false).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> scan(String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        call(() -> {
            client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("begins_with(pk, :p) AND sk IN (:k, :plan)")
                    .expressionAttributeValues(Map.of(":p", s(prefix), ":k", s(KEY), ":plan", s(PLAN))).build())
                    .items().forEach(items::add);
            return null;
        }, false);
        return items;
    }

    private <T> T call(Supplier<T> call, boolean write) {
        (write ? writes : reads).incrementAndGet();
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | ResourceInUseException e) {
            throw e;
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB table " + table + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
