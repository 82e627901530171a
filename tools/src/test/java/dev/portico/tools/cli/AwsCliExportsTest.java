package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refused item of an AWS CLI export is named by position and id, and one refusal imports nothing. */
class AwsCliExportsTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> problems(Runnable read) {
        UserError e = assertThrows(UserError.class, read::run);
        List<String> lines = e.getMessage().lines().toList();
        assertEquals("nothing imported:", lines.get(0));
        return lines.subList(1, lines.size());
    }

    @Test
    void apiKeysWithoutIdValueOrAPlausibleValue() {
        assertEquals(List.of(
                "k.json: items[0] has no id",
                "k.json: items[1] (k2) has no value: export with aws apigateway get-api-keys --include-values",
                "k.json: items[2] (k3) has a value API Gateway would not accept (20 to 128 printable characters)"),
                problems(() -> AwsCliExports.apiKeys("k.json", json("""
                        {"items": [{"name": "no id", "value": "abcdefghijklmnopqrstuvwxyz"}, {"id": "k2"},
                                   {"id": "k3", "value": "short"},
                                   {"id": "k4", "value": "abcdefghijklmnopqrstuvwxyz", "enabled": true}]}"""))));
    }

    @Test
    void usagePlansWithABrokenStageOrPeriod() {
        assertEquals(List.of(
                "p.json: items[0] (p1): an apiStages entry lacks apiId or stage",
                "p.json: items[1] has no id"),
                problems(() -> AwsCliExports.usagePlans("p.json", json("""
                        {"items": [{"id": "p1", "apiStages": [{"apiId": "a1"}]}, {"name": "no id"},
                                   {"id": "p3", "apiStages": [{"apiId": "a1", "stage": "prod"}]}]}"""))));
        assertEquals(1, AwsCliExports.usagePlans("p.json", json("""
                {"items": [{"id": "p3", "apiStages": [{"apiId": "a1", "stage": "prod"}]}]}""")).size());
    }

    @Test
    void usagePlanKeysOfAnotherTypeOrWithoutId() {
        assertEquals(List.of(
                "u.json: items[0] is of type OTHER; only API_KEY exists",
                "u.json: items[1] has no id"),
                problems(() -> AwsCliExports.usagePlanKeys("u.json", json("""
                        {"items": [{"id": "k1", "type": "OTHER"}, {"type": "API_KEY"}, {"id": "k3"}]}"""))));
        assertEquals(List.of("k3"), AwsCliExports.usagePlanKeys("u.json", json("""
                {"items": [{"id": "k3", "type": "API_KEY"}]}""")));
    }
}
