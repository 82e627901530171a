package dev.portico.authorizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Lambda authorizer answered, as "Output from an API Gateway Lambda authorizer" defines it: a
 * {@code principalId}, a {@code policyDocument} whose {@code Statement} (one or a list) has {@code Effect},
 * {@code Action} and {@code Resource} (each one or a list), an optional {@code context} of string, number and
 * boolean values (which API Gateway passes on as strings; an object or array is not allowed), and an optional
 * {@code usageIdentifierKey}.
 *
 * @param principalId        {@code $context.authorizer.principalId}
 * @param policy             the policy, evaluated per method ARN
 * @param context            the context values, as strings, in the answer's order
 * @param usageIdentifierKey the usage plan key, or null
 */
record AuthorizerAnswer(String principalId, Policy policy, Map<String, String> context, String usageIdentifierKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer is not an authorizer's output; the message says why, for the log. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static AuthorizerAnswer parse(byte[] payload) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new Malformed("the answer is not JSON");
        } catch (IOException e) {
            throw new Malformed("the answer could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("the answer is not a JSON object");
        }
        JsonNode principal = root.get("principalId");
        if (principal == null || !principal.isValueNode() || principal.isNull()) {
            throw new Malformed("the answer has no principalId");
        }
        JsonNode document = root.get("policyDocument");
        if (document == null || !document.isObject()) {
            throw new Malformed("the answer has no policyDocument object");
        }
        JsonNode statementNode = document.get("Statement");
        if (statementNode == null || !(statementNode.isObject() || statementNode.isArray())) {
            throw new Malformed("the policyDocument has no Statement");
        }
        List<Policy.Statement> statements = new ArrayList<>();
        for (JsonNode statement : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            if (!statement.isObject()) {
                throw new Malformed("a Statement is not an object");
            }
            String effect = statement.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new Malformed("a Statement's Effect is neither Allow nor Deny");
            }
            statements.add(new Policy.Statement(effect.equals("Allow"), strings(statement, "Action"),
                    strings(statement, "Resource")));
        }
        Map<String, String> context = new LinkedHashMap<>();
        JsonNode contextNode = root.get("context");
        if (contextNode != null && !contextNode.isNull()) {
            if (!contextNode.isObject()) {
                throw new Malformed("the context is not an object");
            }
            for (var fields = contextNode.fields(); fields.hasNext(); ) {
                var field = fields.next();
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    throw new Malformed("context value '" + field.getKey() + "' is an object or array; only strings, "
                            + "numbers and booleans are allowed");
                }
                if (!value.isNull()) {
                    context.put(field.getKey(), value.asText());
                }
            }
        }
        JsonNode key = root.get("usageIdentifierKey");
        return new AuthorizerAnswer(principal.asText(), new Policy(List.copyOf(statements)), context,
                key == null || key.isNull() ? null : key.asText());
    }

    private static List<String> strings(JsonNode statement, String name) throws Malformed {
        JsonNode node = statement.get(name);
        List<String> values = new ArrayList<>();
        if (node != null && node.isTextual()) {
            values.add(node.asText());
        } else if (node != null && node.isArray()) {
            for (JsonNode value : node) {
                if (!value.isTextual()) {
                    throw new Malformed("a Statement's " + name + " holds something other than strings");
                }
                values.add(value.asText());
            }
        } else {
            throw new Malformed("a Statement has no " + name);
        }
        return List.copyOf(values);
    }
}
