package dev.portico.route.openapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.route.InvalidRouteTableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One export being read: its tree (JSON or YAML, duplicate keys refused), local {@code $ref} resolution, and the
 * problems found so far, which the load reports together, one per line, each naming its route.
 */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** SnakeYAML stops at 3 MB by default; a 10,000-route export is about 5 MB, so allow 64 MB. */
    private static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;

    /** The YAML reader, made for the first YAML document: JSON tables (the bundled one included) never load it. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(yamlFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private final String source;
    private final JsonNode root;
    /** Whether a string of the document may hold {@code ${AWS::}}: false lets {@link #resolve} skip the walk. */
    private final boolean mayHoldVariables;
    private final List<String> problems = new ArrayList<>();
    /** Nodes {@link #inline} may still copy, for the whole document. */
    private long inlineBudget;

    /**
     * How many schema nodes inlining may produce for one document, every route's models together: a 10,000-route
     * export with a model per route uses a few hundred thousand; a {@code $ref} that names another twice, forty
     * levels deep, would make 2^40.
     */
    static final long MAX_INLINED_NODES = 2_000_000;

    /** Inlining stopped: the document's references expand past {@link #MAX_INLINED_NODES}. */
    static final class ExpansionLimit extends RuntimeException {
        ExpansionLimit() {
            super(null, null, false, false);
        }
    }

    private OpenApiDocument(String source, JsonNode root, boolean mayHoldVariables, long inlineBudget) {
        this.source = source;
        this.root = root;
        this.mayHoldVariables = mayHoldVariables;
        this.inlineBudget = inlineBudget;
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_YAML_CODE_POINTS);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /** @throws InvalidRouteTableException when the bytes are not a JSON or YAML object */
    static OpenApiDocument parse(String source, byte[] content) {
        return parse(source, content, MAX_INLINED_NODES);
    }

    /** {@link #parse(String, byte[])} with another inlining budget than {@link #MAX_INLINED_NODES}, for tests. */
    static OpenApiDocument parse(String source, byte[] content, long inlineBudget) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new OpenApiDocument(source, tree(source, text), mayHoldVariables(text), inlineBudget);
    }

    /** The nodes {@link #inline} may still copy. */
    long inlineBudgetLeft() {
        return inlineBudget;
    }

    /**
     * Whether a string value of the document may read {@code ${AWS::...}}: it is written so, or the text has an
     * escape that may spell a part of it ({@code \\u} in JSON; {@code \\u}, {@code \\U}, {@code \\x} or an escaped line
     * break, which joins two lines, in YAML).
     */
    static boolean mayHoldVariables(String text) {
        return text.contains("${AWS::") || text.contains("\\u") || text.contains("\\U") || text.contains("\\x")
                || text.contains("\\\n") || text.contains("\\\r");
    }

    private static JsonNode tree(String source, String text) {
        boolean json = text.stripLeading().startsWith("{");
        JsonNode root;
        try {
            root = (json ? JSON : Yaml.MAPPER).readTree(text);
        } catch (IOException e) {
            throw new InvalidRouteTableException(
                    "Invalid route table " + source + ": not " + (json ? "JSON" : "YAML") + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRouteTableException("Invalid route table " + source + ": not a JSON or YAML object");
        }
        return root;
    }

    /**
     * Replaces the AWS variables for OpenAPI import ({@link ImportVariables}) in every string value of the
     * definition, before anything reads it, as API Gateway does when it imports one; a variable that cannot be
     * resolved is a problem of the route (or top-level part) it is written in.
     */
    void resolve(ImportVariables variables) {
        if (!mayHoldVariables) {
            return;
        }
        root.fields().forEachRemaining(top -> {
            if (top.getKey().equals("paths") && top.getValue().isObject()) {
                top.getValue().fields().forEachRemaining(path -> {
                    if (!path.getValue().isObject()) {
                        return;
                    }
                    path.getValue().fields().forEachRemaining(field -> {
                        String method = RouteTableLoader.OPERATIONS.get(field.getKey());
                        String owner = method != null ? method + " " + path.getKey() : "path " + path.getKey();
                        resolveIn(owner, (ObjectNode) path.getValue(), field.getKey(), variables);
                    });
                });
            } else {
                resolveIn(top.getKey(), (ObjectNode) root, top.getKey(), variables);
            }
        });
    }

    private void resolveIn(String owner, ObjectNode parent, String field, ImportVariables variables) {
        Set<String> found = new LinkedHashSet<>();
        JsonNode resolved = resolved(parent.get(field), variables, found);
        parent.set(field, resolved);
        found.forEach(problem -> problem(owner + ": " + problem));
    }

    private static JsonNode resolved(JsonNode node, ImportVariables variables, Set<String> problems) {
        if (node.isTextual()) {
            String text = node.textValue();
            String resolved = variables.resolve(text, problems::add);
            return resolved.equals(text) ? node : JsonNodeFactory.instance.textNode(resolved);
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, resolved(object.get(name), variables, problems));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolved(array.get(i), variables, problems));
            }
        }
        return node;
    }

    JsonNode root() {
        return root;
    }

    /** What the document is called in messages: a file path, {@code bundled}, a DynamoDB version. */
    String source() {
        return source;
    }

    /** Records a problem, which fails the load; {@code problem} starts with the route or part it is about. */
    void problem(String problem) {
        problems.add(problem);
    }

    /** How many problems have been found so far, to tell whether reading one part found any. */
    int problemCount() {
        return problems.size();
    }

    /** @throws InvalidRouteTableException naming the source and every problem found, one per line */
    void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new InvalidRouteTableException("Invalid route table " + source + ":\n" + String.join("\n", problems));
        }
    }

    /**
     * A copy of the schema with every {@code $ref} replaced by what it names, except recursive ones; null, with a
     * problem recorded, once the document's references expand past {@link #MAX_INLINED_NODES} nodes.
     */
    JsonNode inline(String name, JsonNode node) {
        if (inlineBudget <= 0) {
            return null;
        }
        try {
            new ExpansionCount(inlineBudget).count(node, new HashSet<>()); // refuses a bomb before copying any of it
            return inline(name, node, new HashSet<>());
        } catch (ExpansionLimit e) {
            problem(name + ": $ref expansion passes " + MAX_INLINED_NODES
                    + " schema nodes (references that multiply, such as a $ref bomb); the table is not loaded");
            return null;
        }
    }

    private JsonNode inline(String name, JsonNode node, Set<String> resolving) {
        if (--inlineBudget < 0) {
            throw new ExpansionLimit();
        }
        if (node.isObject() && node.path("$ref").isTextual()) {
            String ref = node.get("$ref").asText();
            if (!resolving.add(ref)) {
                return node;
            }
            JsonNode inlined = inline(name, deref(node, name), resolving);
            resolving.remove(ref);
            return inlined;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), inline(name, field.getValue(), resolving)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(inline(name, element, resolving)));
            return copy;
        }
        return node;
    }

    /**
     * How many nodes {@link #inline} would visit, counted without copying, so that a document whose references
     * multiply is refused in time linear in its size rather than after copying {@link #MAX_INLINED_NODES} nodes. The
     * count of a reference that is on no cycle depends only on what it names, so it is kept and reused: forty levels
     * of schemas each naming the next twice cost forty counts. A reference met again while it is being expanded
     * counts 1, as {@link #inline} leaves it in place; references on such a cycle are counted afresh each time.
     */
    private final class ExpansionCount {
        private final long budget;
        private final Map<String, Long> acyclic = new HashMap<>();
        /** Whether the count under way met a reference that was being expanded (its value depends on the path). */
        private boolean metExpanding;

        ExpansionCount(long budget) {
            this.budget = budget;
        }

        /** @throws ExpansionLimit as soon as the count passes the budget */
        long count(JsonNode node, Set<String> expanding) {
            if (node.isObject() && node.path("$ref").isTextual()) {
                String ref = node.get("$ref").asText();
                if (expanding.contains(ref)) {
                    metExpanding = true;
                    return 1;
                }
                Long known = acyclic.get(ref);
                if (known != null) {
                    return add(1, known);
                }
                boolean outer = metExpanding;
                metExpanding = false;
                expanding.add(ref);
                long inner = count(target(ref), expanding);
                expanding.remove(ref);
                if (!metExpanding) {
                    acyclic.put(ref, inner);
                }
                metExpanding |= outer;
                return add(1, inner);
            }
            long total = 1;
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    total = add(total, count(child, expanding));
                }
            }
            return total;
        }

        private long add(long a, long b) {
            long sum = a + b;
            if (sum > budget) {
                throw new ExpansionLimit();
            }
            return sum;
        }
    }

    /** What a local {@code $ref} names, as {@link #deref} finds it, an empty object standing in for a missing one. */
    private JsonNode target(String ref) {
        JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
        return target == null || target.isMissingNode() ? JsonNodeFactory.instance.objectNode() : target;
    }

    /** The node a local {@code $ref} points at, or the node itself when it is no reference. */
    JsonNode deref(JsonNode node, String owner) {
        if (node == null || !node.path("$ref").isTextual()) {
            return node;
        }
        String ref = node.get("$ref").asText();
        JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
        if (target == null || target.isMissingNode()) {
            problem(owner + ": unresolved $ref '" + ref + "'");
            return JsonNodeFactory.instance.objectNode();
        }
        return target;
    }

    /** The constant whose name matches, ignoring case, or null. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(name)) {
                return value;
            }
        }
        return null;
    }
}
