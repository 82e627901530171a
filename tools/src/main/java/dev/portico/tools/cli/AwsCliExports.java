package dev.portico.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.apikey.ApiKey;
import dev.portico.apikey.KeyHash;
import dev.portico.apikey.Quota;
import dev.portico.apikey.Throttle;
import dev.portico.apikey.UsagePlan;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the AWS CLI prints, read for import: {@code aws apigateway get-api-keys --include-values},
 * {@code get-usage-plans} and {@code get-usage-plan-keys --usage-plan-id ID}, each an object with {@code items}
 * (the shapes of the CLI reference pages and their examples: "get-api-keys", "get-usage-plans",
 * "get-usage-plan-keys"). Every problem names the item by its position and id.
 */
final class AwsCliExports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCliExports() {}

    /** One key of {@code get-api-keys --include-values}, with its value and creation time. */
    record ImportedKey(ApiKey key, String value, Instant created) {}

    static List<ImportedKey> apiKeys(String file, byte[] json) {
        return read(file, json, "get-api-keys --include-values", (where, item) -> {
            String named = identified(where, item);
            JsonNode value = item.get("value");
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException(named
                        + " has no value: export with aws apigateway get-api-keys --include-values");
            }
            if (!KeyHash.plausible(value.asText())) {
                throw new IllegalArgumentException(named
                        + " has a value API Gateway would not accept (20 to 128 printable characters)");
            }
            return new ImportedKey(new ApiKey(item.path("id").asText(), item.path("name").asText(""),
                    item.path("enabled").asBoolean(false), Set.of()), value.asText(), instant(item.get("createdDate")));
        });
    }

    static List<UsagePlan> usagePlans(String file, byte[] json) {
        return read(file, json, "get-usage-plans", (where, item) -> {
            String named = identified(where, item);
            try {
                return usagePlan(item);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(named + ": " + e.getMessage(), e);
            }
        });
    }

    private static UsagePlan usagePlan(JsonNode item) {
        Throttle throttle = throttle(item.get("throttle"));
        Quota quota = null;
        JsonNode q = item.get("quota");
        if (q != null && q.isObject()) {
            // the initial period, which the offset applies to, is long past for a plan that exists
            quota = new Quota(q.path("limit").asLong(), q.path("offset").asLong(0),
                    Quota.Period.parse(q.path("period").asText("")), null);
        }
        List<UsagePlan.ApiStage> stages = new ArrayList<>();
        for (JsonNode stage : item.path("apiStages")) {
            Map<String, Throttle> overrides = new LinkedHashMap<>();
            for (var fields = stage.path("throttle").fields(); fields.hasNext(); ) {
                var field = fields.next();
                overrides.put(field.getKey(), throttle(field.getValue()));
            }
            String apiId = stage.path("apiId").asText("");
            String name = stage.path("stage").asText("");
            if (apiId.isEmpty() || name.isEmpty()) {
                throw new IllegalArgumentException("an apiStages entry lacks apiId or stage");
            }
            stages.add(new UsagePlan.ApiStage(apiId, name, Map.copyOf(overrides)));
        }
        return new UsagePlan(item.path("id").asText(), item.path("name").asText(""), throttle, quota,
                List.copyOf(stages));
    }

    /** The key ids of {@code get-usage-plan-keys}; only API_KEY entries exist. */
    static List<String> usagePlanKeys(String file, byte[] json) {
        return read(file, json, "get-usage-plan-keys --usage-plan-id ID", (where, item) -> {
            String type = item.path("type").asText("API_KEY");
            if (!type.equals("API_KEY")) {
                throw new IllegalArgumentException(where + " is of type " + type + "; only API_KEY exists");
            }
            identified(where, item);
            return item.path("id").asText();
        });
    }

    /** Reads one item of an export, or throws {@link IllegalArgumentException} with a message naming it. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(String where, JsonNode item);
    }

    /**
     * Every item of the export read by {@code reader}; an item it refuses is reported by its position (and id), and
     * any refusal fails the whole import, so that nothing is half imported.
     */
    private static <T> List<T> read(String file, byte[] json, String command, ItemReader<T> reader) {
        List<T> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode item : items(file, json, command)) {
            try {
                read.add(reader.read(file + ": items[" + index++ + "]", item));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        check(problems);
        return read;
    }

    /** {@code where} with the item's id, as problems name it; no id is a problem of its own. */
    private static String identified(String where, JsonNode item) {
        String id = item.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(where + " has no id");
        }
        return where + " (" + id + ")";
    }

    private static Throttle throttle(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Throttle(node.path("rateLimit").asDouble(0), node.path("burstLimit").asInt(0));
    }

    /** The CLI prints dates as epoch seconds (v1) or ISO-8601 with an offset (v2). */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return Instant.now();
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static JsonNode items(String file, byte[] json, String command) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UserError(file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("items").isArray()) {
            throw new UserError(file + " has no items array: it should be what aws apigateway " + command + " prints");
        }
        return root.get("items");
    }

    private static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new UserError("nothing imported:\n" + String.join("\n", problems));
        }
    }
}
