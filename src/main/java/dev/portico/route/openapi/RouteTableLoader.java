package dev.portico.route.openapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.errors.GatewayResponseType;
import dev.portico.route.AccessControl;
import dev.portico.route.ContentHandling;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.MethodParameter;
import dev.portico.route.PassthroughBehavior;
import dev.portico.route.PathTemplate;
import dev.portico.route.RequestValidator;
import dev.portico.route.Route;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads an API Gateway export (OpenAPI 3.0 or Swagger 2.0, JSON or YAML) into a validated {@link RouteTable}. */
public final class RouteTableLoader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** SnakeYAML stops at 3 MB by default; a 10,000-route export is about 5 MB, so allow 64 MB. */
    private static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_YAML_CODE_POINTS);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /** OpenAPI operation keys, in the order API Gateway's export writes them, and the method each names. */
    private static final Map<String, String> OPERATIONS = operations();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\{[^{}]*}");
    private static final Pattern AWS_URI =
            Pattern.compile("arn:aws[a-z-]*:apigateway:[^:/\\s]+:[^:/\\s]+:(path|action)/\\S+");
    private static final int MIN_TIMEOUT = 50;

    private final TemplateCompiler templates;
    private final Set<String> enforcedUpstream;

    /** A loader that refuses every route with access control, since this build enforces none itself. */
    public RouteTableLoader(TemplateCompiler templates) {
        this(templates, Set.of());
    }

    /**
     * @param enforcedUpstream the security schemes and access extensions that something in front of the function
     *                         enforces ({@code portico.access-control.enforced-upstream}); routes that need only
     *                         these load, every other protected route fails the load
     */
    public RouteTableLoader(TemplateCompiler templates, Set<String> enforcedUpstream) {
        this.templates = templates;
        this.enforcedUpstream = Set.copyOf(enforcedUpstream);
    }

    /**
     * @param source  a name for messages (file path or "bundled")
     * @param content the file's bytes
     * @throws InvalidRouteTableException naming the source, each broken route and its problem, one per line
     */
    public RouteTable load(String source, byte[] content) {
        return new Load(source, parse(source, content)).table();
    }

    private static JsonNode parse(String source, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        boolean json = text.stripLeading().startsWith("{");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (IOException e) {
            throw new InvalidRouteTableException(
                    "Invalid route table " + source + ": not " + (json ? "JSON" : "YAML") + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRouteTableException("Invalid route table " + source + ": not a JSON or YAML object");
        }
        return root;
    }

    /** One load: the document and the problems found so far, reported together at the end. */
    private final class Load {
        private final String source;
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();
        private final AccessControlReader access;

        Load(String source, JsonNode root) {
            this.source = source;
            this.root = root;
            this.access = new AccessControlReader(root, enforcedUpstream);
        }

        RouteTable table() {
            String openapi = root.path("openapi").asText("");
            String swagger = root.path("swagger").asText("");
            if (!openapi.startsWith("3.") && !swagger.equals("2.0")) {
                problems.add("neither \"openapi: 3.0.x\" nor \"swagger: 2.0\"");
            }
            JsonNode paths = root.get("paths");
            List<Route> routes = new ArrayList<>();
            if (paths == null || !paths.isObject()) {
                problems.add("no \"paths\" object");
            } else {
                Map<String, String> seen = new HashMap<>();
                paths.fields().forEachRemaining(path -> readPath(path.getKey(), path.getValue(), routes, seen));
            }
            Map<GatewayResponseType, GatewayResponseDefinition> gatewayResponses = gatewayResponses();
            List<String> binaryMediaTypes = new ArrayList<>();
            root.path("x-amazon-apigateway-binary-media-types").forEach(type -> binaryMediaTypes.add(type.asText()));
            if (!problems.isEmpty()) {
                throw new InvalidRouteTableException("Invalid route table " + source + ":\n" + String.join("\n", problems));
            }
            return new RouteTable(source, new RouteMatcher(routes), gatewayResponses, List.copyOf(binaryMediaTypes));
        }

        private void readPath(String path, JsonNode declared, List<Route> routes, Map<String, String> seen) {
            JsonNode item = deref(declared, path);
            String templateProblem = PathTemplate.problem(path);
            if (templateProblem != null) {
                List<String> names = new ArrayList<>();
                item.fieldNames().forEachRemaining(key -> {
                    if (OPERATIONS.containsKey(key)) {
                        names.add(OPERATIONS.get(key) + " " + path);
                    }
                });
                problems.add((names.isEmpty() ? "path " + path : String.join(", ", names))
                        + ": bad path template: " + templateProblem);
                return;
            }
            JsonNode shared = item.path("parameters");
            String resource = PathTemplate.resourceKey(path);
            item.fields().forEachRemaining(entry -> {
                String method = OPERATIONS.get(entry.getKey());
                if (method == null) {
                    return;
                }
                Route route = readRoute(path, method, item, entry.getValue(), shared);
                String name = method + " " + path;
                String earlier = seen.putIfAbsent(method + " " + resource, name);
                if (earlier != null) {
                    problems.add(name + ": duplicate route, same resource and method as " + earlier);
                } else if (route != null) {
                    routes.add(route);
                }
            });
        }

        private Route readRoute(String path, String method, JsonNode item, JsonNode operation, JsonNode shared) {
            String name = method + " " + path;
            int before = problems.size();
            List<MethodParameter> parameters = parameters(name, shared, operation.path("parameters"));
            RequestValidator validator = validator(name, operation);
            JsonNode integration = operation.get("x-amazon-apigateway-integration");
            IntegrationDefinition definition = null;
            if (integration == null || !integration.isObject()) {
                problems.add(name + ": missing x-amazon-apigateway-integration");
            } else {
                definition = integration(name, integration);
            }
            AccessControl accessControl = access.read(name, item, operation, problems);
            String operationId = operation.hasNonNull("operationId") ? operation.get("operationId").asText() : null;
            return problems.size() > before ? null
                    : new Route(path, method, operationId, parameters, validator, definition, accessControl);
        }

        private List<MethodParameter> parameters(String name, JsonNode shared, JsonNode own) {
            // An operation's parameter replaces a path-level one with the same location and name.
            Map<String, MethodParameter> byKey = new LinkedHashMap<>();
            for (JsonNode list : List.of(shared, own)) {
                for (JsonNode declared : list) {
                    JsonNode parameter = deref(declared, name);
                    MethodParameter.Location in = switch (parameter.path("in").asText()) {
                        case "path" -> MethodParameter.Location.PATH;
                        case "query" -> MethodParameter.Location.QUERY;
                        case "header" -> MethodParameter.Location.HEADER;
                        default -> null; // body is the validator's schema; cookie and formData API Gateway ignores
                    };
                    if (in == null) {
                        continue;
                    }
                    String parameterName = parameter.path("name").asText("");
                    if (parameterName.isEmpty()) {
                        problems.add(name + ": a parameter has no name");
                        continue;
                    }
                    byKey.put(in + " " + parameterName,
                            new MethodParameter(in, parameterName, parameter.path("required").asBoolean(false)));
                }
            }
            return List.copyOf(byKey.values());
        }

        private RequestValidator validator(String name, JsonNode operation) {
            JsonNode chosen = operation.has("x-amazon-apigateway-request-validator")
                    ? operation.get("x-amazon-apigateway-request-validator")
                    : root.get("x-amazon-apigateway-request-validator");
            if (chosen == null || chosen.isNull()) {
                return null;
            }
            JsonNode validator = root.path("x-amazon-apigateway-request-validators").get(chosen.asText());
            if (validator == null) {
                problems.add(name + ": unknown request validator '" + chosen.asText() + "'");
                return null;
            }
            return new RequestValidator(validator.path("validateRequestParameters").asBoolean(false),
                    validator.path("validateRequestBody").asBoolean(false), bodySchema(name, operation));
        }

        /** OpenAPI 3 requestBody (application/json, else the first content type) or the Swagger 2 body parameter. */
        private JsonNode bodySchema(String name, JsonNode operation) {
            JsonNode schema = null;
            if (operation.has("requestBody")) {
                JsonNode content = deref(operation.get("requestBody"), name).path("content");
                JsonNode media = content.has("application/json") ? content.get("application/json")
                        : content.elements().hasNext() ? content.elements().next() : null;
                schema = media == null ? null : media.get("schema");
            } else {
                for (JsonNode declared : operation.path("parameters")) {
                    JsonNode parameter = deref(declared, name);
                    if (parameter.path("in").asText().equals("body")) {
                        schema = parameter.get("schema");
                    }
                }
            }
            return schema == null ? null : inline(name, schema, new HashSet<>());
        }

        /** A copy of the schema with every {@code $ref} replaced by what it names, except recursive ones. */
        private JsonNode inline(String name, JsonNode node, Set<String> resolving) {
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

        /** The node a local {@code $ref} points at, or the node itself when it is no reference. */
        private JsonNode deref(JsonNode node, String owner) {
            if (node == null || !node.path("$ref").isTextual()) {
                return node;
            }
            String ref = node.get("$ref").asText();
            JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
            if (target == null || target.isMissingNode()) {
                problems.add(owner + ": unresolved $ref '" + ref + "'");
                return JsonNodeFactory.instance.objectNode();
            }
            return target;
        }

        private IntegrationDefinition integration(String name, JsonNode node) {
            String typeName = node.path("type").asText("");
            IntegrationType type = enumValue(IntegrationType.class, typeName);
            if (type == null) {
                problems.add(name + ": " + (typeName.isEmpty() ? "integration has no type" : "unknown integration type '" + typeName + "'"));
                return null;
            }
            String uri = text(node, "uri");
            String httpMethod = text(node, "httpMethod");
            if (type != IntegrationType.MOCK) {
                checkUri(name, type, uri);
                if (httpMethod == null) {
                    problems.add(name + ": " + type + " integration has no httpMethod");
                }
            } else {
                uri = null;
            }
            if (httpMethod != null) {
                httpMethod = httpMethod.toUpperCase(Locale.ROOT);
            }
            PassthroughBehavior passthrough = named(name, node, "passthroughBehavior", PassthroughBehavior.class,
                    PassthroughBehavior.WHEN_NO_MATCH);
            ContentHandling contentHandling = named(name, node, "contentHandling", ContentHandling.class,
                    ContentHandling.PASSTHROUGH);
            int timeout = timeout(name, node.get("timeoutInMillis"));
            List<IntegrationResponseDefinition> responses = new ArrayList<>();
            node.path("responses").fields().forEachRemaining(entry -> {
                IntegrationResponseDefinition response = response(name, entry.getKey(), entry.getValue());
                if (response != null) {
                    responses.add(response);
                }
            });
            return new IntegrationDefinition(type, uri, "ANY".equals(httpMethod) ? null : httpMethod,
                    strings(node.path("requestParameters")),
                    compile(name + " request template", node.path("requestTemplates")),
                    passthrough, contentHandling, timeout, List.copyOf(responses), text(node, "credentials"),
                    node.path("tlsConfig").path("insecureSkipVerification").asBoolean(false),
                    node.path("payloadFormatVersion").asText("1.0"));
        }

        private int timeout(String name, JsonNode node) {
            if (node == null || node.isNull()) {
                return IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS;
            }
            String text = node.asText().trim();
            if (text.matches("\\d{1,9}")) {
                int timeout = Integer.parseInt(text);
                if (timeout >= MIN_TIMEOUT && timeout <= IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS) {
                    return timeout;
                }
            }
            problems.add(name + ": timeoutInMillis " + text + " is not between " + MIN_TIMEOUT + " and "
                    + IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS);
            return IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS;
        }

        private void checkUri(String name, IntegrationType type, String uri) {
            boolean http = type == IntegrationType.HTTP || type == IntegrationType.HTTP_PROXY;
            if (uri == null || uri.isBlank()) {
                problems.add(name + ": " + type + " integration has no uri");
            } else if (http && !isHttpUrl(uri)) {
                problems.add(name + ": uri '" + uri + "' is not an absolute http(s) URL");
            } else if (!http && !AWS_URI.matcher(uri).matches()) {
                problems.add(name + ": uri '" + uri
                        + "' is not an arn:aws:apigateway:{region}:{service}:(path|action)/... ARN");
            }
        }

        private IntegrationResponseDefinition response(String name, String key, JsonNode node) {
            Pattern pattern = null;
            if (!key.equals("default")) {
                try {
                    pattern = Pattern.compile(key);
                } catch (PatternSyntaxException e) {
                    problems.add(name + ": invalid selection pattern '" + key + "': " + e.getDescription());
                    return null;
                }
            }
            Integer status = statusCode(name + ": response '" + key + "'", node.get("statusCode"));
            if (status == null) {
                if (!node.has("statusCode")) {
                    problems.add(name + ": response '" + key + "' has no statusCode");
                }
                return null;
            }
            return new IntegrationResponseDefinition(key, pattern, status, strings(node.path("responseParameters")),
                    compile(name + " response '" + key + "' template", node.path("responseTemplates")),
                    named(name, node, "contentHandling", ContentHandling.class, ContentHandling.PASSTHROUGH));
        }

        private Map<GatewayResponseType, GatewayResponseDefinition> gatewayResponses() {
            Map<GatewayResponseType, GatewayResponseDefinition> customisations =
                    new EnumMap<>(GatewayResponseType.class);
            root.path("x-amazon-apigateway-gateway-responses").fields().forEachRemaining(entry -> {
                String name = "gateway response " + entry.getKey();
                GatewayResponseType type = enumValue(GatewayResponseType.class, entry.getKey());
                if (type == null) {
                    problems.add(name + ": unknown gateway response type");
                    return;
                }
                JsonNode node = entry.getValue();
                customisations.put(type, new GatewayResponseDefinition(statusCode(name, node.get("statusCode")),
                        strings(node.path("responseParameters")),
                        compile(name + " template", node.path("responseTemplates"))));
            });
            return customisations.isEmpty() ? Map.of() : Collections.unmodifiableMap(customisations);
        }

        private Integer statusCode(String owner, JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            try {
                int status = Integer.parseInt(node.asText().trim());
                if (status >= 100 && status <= 599) {
                    return status;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(owner + ": statusCode '" + node.asText() + "' is not an HTTP status");
            return null;
        }

        /** Content type -> compiled template, in file order; location reads "GET /pets request template application/json". */
        private Map<String, MappingTemplate> compile(String location, JsonNode node) {
            Map<String, MappingTemplate> compiled = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> {
                String where = location + " " + entry.getKey();
                try {
                    compiled.put(entry.getKey(), templates.compile(where, entry.getValue().asText()));
                } catch (TemplateSyntaxException e) {
                    String message = String.valueOf(e.getMessage());
                    problems.add(message.contains(location) ? message : where + ": " + message);
                }
            });
            return Collections.unmodifiableMap(compiled);
        }

        private <E extends Enum<E>> E named(String name, JsonNode node, String field, Class<E> type, E fallback) {
            String value = text(node, field);
            if (value == null) {
                return fallback;
            }
            E parsed = enumValue(type, value);
            if (parsed == null) {
                problems.add(name + ": unknown " + field + " '" + value + "'");
                return fallback;
            }
            return parsed;
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return Collections.unmodifiableMap(values);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(name)) {
                return value;
            }
        }
        return null;
    }

    /** Absolute http(s) URL once {@code {param}} and {@code ${stageVariables.x}} placeholders stand for a word. */
    static boolean isHttpUrl(String uri) {
        try {
            URI parsed = new URI(PLACEHOLDER.matcher(uri).replaceAll("p"));
            return ("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()))
                    && parsed.getRawAuthority() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Map<String, String> operations() {
        Map<String, String> operations = new LinkedHashMap<>();
        for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch")) {
            operations.put(method, method.toUpperCase(Locale.ROOT));
        }
        operations.put("x-amazon-apigateway-any-method", Route.ANY);
        return Collections.unmodifiableMap(operations);
    }
}
