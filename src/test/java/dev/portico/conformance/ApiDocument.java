package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/** The OpenAPI 3.0 document for one case: its {@code route} as {@code paths}, its {@code api} extras merged in. */
final class ApiDocument {
    private ApiDocument() {}

    static ObjectNode build(CaseFile testCase, Map<String, String> placeholders) {
        ObjectNode document = CaseFile.JSON.createObjectNode();
        document.put("openapi", "3.0.1");
        document.putObject("info").put("title", "conformance " + testCase.id()).put("version", "1.0");
        document.set("paths", testCase.route().deepCopy());
        testCase.api().fields().forEachRemaining(e -> {
            JsonNode existing = document.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                object.setAll((ObjectNode) e.getValue().deepCopy());
            } else {
                document.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return (ObjectNode) replace(document, placeholders);
    }

    /** Replaces placeholders inside every string value of the tree (keys are left alone). */
    private static JsonNode replace(JsonNode node, Map<String, String> placeholders) {
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                text = text.replace(p.getKey(), p.getValue());
            }
            return TextNode.valueOf(text);
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(replace(e.getValue(), placeholders));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), placeholders));
            }
        }
        return node;
    }
}
