package dev.portico.route.source;

import dev.portico.route.ApiMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The API mappings kept in the route store's DynamoDB table, beside the route tables (docs/dynamodb-routes.md,
 * "API mappings"): one simple item per host and base path, in one partition, {@code MAPPINGS}, so that one
 * strongly consistent {@code Query} reads them all. A mapping is a small, independent fact, as an API Gateway API
 * mapping is a resource of its own ({@code CreateApiMapping}, {@code DeleteApiMapping}), so each is written and
 * deleted on its own; the route tables, which are large and must change whole, are the ones kept as versions.
 */
public final class MappingStore {
    static final String PK = "pk";
    static final String SK = "sk";
    /** The partition of every mapping item; route items all start with {@code API#}, so the two never meet. */
    static final String MAPPINGS = "MAPPINGS";
    /** More mapping items than this is a hostile or broken table, not a configuration: refused as a whole. */
    public static final int MAX_MAPPINGS = 1000;

    private final DynamoDbClient client;
    private final String table;

    public MappingStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public String describe() {
        return "dynamodb table " + table + ", api mappings";
    }

    /**
     * Every mapping, ordered by host and base path.
     *
     * @throws RouteStoreException naming each item that is not a valid mapping, or when there are too many
     */
    public List<ApiMapping> mappings() {
        List<ApiMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] count = {0};
        client.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MAPPINGS)))
                        .build())
                .items().stream().takeWhile(item -> ++count[0] <= MAX_MAPPINGS + 1).forEach(item -> {
                    String key = text(item, SK);
                    try {
                        ApiMapping mapping = ApiMapping.of(text(item, "host"), text(item, "basePath"),
                                text(item, "api"), text(item, "stage"));
                        if (!key(mapping).equals(key)) {
                            throw new IllegalArgumentException("its sort key is not " + abbreviate(key(mapping)));
                        }
                        mappings.add(mapping);
                    } catch (IllegalArgumentException e) {
                        problems.add("mapping item '" + abbreviate(key) + "': " + e.getMessage());
                    }
                });
        if (count[0] > MAX_MAPPINGS) {
            throw new RouteStoreException(describe() + " holds more than " + MAX_MAPPINGS + " mappings");
        }
        if (!problems.isEmpty()) {
            throw new RouteStoreException("Invalid API mappings in " + describe() + ":\n" + String.join("\n", problems));
        }
        return List.copyOf(mappings);
    }

    /** Writes a mapping, replacing one for the same host and base path; returns the one it replaced. */
    public Optional<ApiMapping> put(ApiMapping mapping) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(MAPPINGS));
        item.put(SK, AttributeValue.fromS(key(mapping)));
        item.put("host", AttributeValue.fromS(mapping.host()));
        item.put("basePath", AttributeValue.fromS(mapping.basePath()));
        item.put("api", AttributeValue.fromS(mapping.api()));
        item.put("stage", AttributeValue.fromS(mapping.stage()));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        Map<String, AttributeValue> old = client.putItem(b -> b.tableName(table).item(item)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return fromItem(old);
    }

    /** Deletes the mapping of a host and base path; returns it, or empty when there was none. */
    public Optional<ApiMapping> delete(String host, String basePath) {
        ApiMapping normal = ApiMapping.of(host, basePath, "x", "x");
        Map<String, AttributeValue> old = client.deleteItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(MAPPINGS), SK, AttributeValue.fromS(key(normal))))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return fromItem(old);
    }

    /** The sort key of a mapping: host and base path as the configuration writes them, {@code api.example.com/orders}. */
    static String key(ApiMapping mapping) {
        return mapping.host() + mapping.basePath();
    }

    private static Optional<ApiMapping> fromItem(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiMapping.of(text(item, "host"), text(item, "basePath"), text(item, "api"),
                    text(item, "stage")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("attribute '" + name + "' is missing or not a string");
        }
        return value.s();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
