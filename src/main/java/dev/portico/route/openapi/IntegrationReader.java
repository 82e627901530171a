package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portico.errors.GatewayResponseType;
import dev.portico.route.ContentHandling;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.PassthroughBehavior;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a route's {@code x-amazon-apigateway-integration} (type, uri, method, mappings, timeout, integration
 * responses) and the API's {@code x-amazon-apigateway-gateway-responses}, compiling every template once; each
 * problem is recorded on the document, naming the route.
 */
final class IntegrationReader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\{[^{}]*}");
    private static final Pattern AWS_URI =
            Pattern.compile("arn:aws[a-z-]*:apigateway:[^:/\\s]+:[^:/\\s]+:(path|action)/\\S+");
    private static final Pattern DOLLAR_PLACEHOLDER = Pattern.compile("\\$\\{[^{}]*}");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.[A-Za-z0-9_]+}");
    private static final int MIN_TIMEOUT = 50;
    /**
     * 29 seconds is API Gateway's default ceiling, but Regional and private REST APIs may raise it (API Gateway
     * quotas, "Integration timeout"; since June 2024), so exports with longer timeouts are real. Portico takes up to
     * Lambda's own longest timeout, 15 minutes; the function's deadline still cuts any call short.
     */
    static final int MAX_TIMEOUT = 900_000;

    private final OpenApiDocument document;
    private final TemplateCompiler templates;
    private final boolean checked;
    /**
     * One instance of each string value the routes keep (methods, uris, parameter mappings, credentials): routes
     * of one API repeat them, and each value read from the document is a string of its own. (Keys are shared by
     * the JSON parser already.)
     */
    private final Map<String, String> strings = new java.util.HashMap<>();

    /**
     * @param checked the document's templates were checked before (the bundled table, at build): they are not
     *                parsed again here
     */
    IntegrationReader(OpenApiDocument document, TemplateCompiler templates, boolean checked) {
        this.document = document;
        this.templates = templates;
        this.checked = checked;
    }

    IntegrationDefinition integration(String name, JsonNode node) {
        if (node.has("$ref")) {
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-integrations.html
            document.problem(name + ": x-amazon-apigateway-integration is a $ref ('" + node.path("$ref").asText()
                    + "'): integrations kept in components/x-amazon-apigateway-integrations are an HTTP API "
                    + "construct; Portico serves REST APIs, which define each integration on its method");
            return null;
        }
        if (node.has("integrationSubtype")) {
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
            document.problem(name + ": integrationSubtype '" + node.path("integrationSubtype").asText()
                    + "' is an HTTP API AWS service integration; Portico serves REST APIs: use type aws with an "
                    + "action or path uri and a request template");
            return null;
        }
        int before = document.problemCount();
        String typeName = string(name, node, "type");
        IntegrationType type = typeName == null ? null : OpenApiDocument.enumValue(IntegrationType.class, typeName);
        if (type == null) {
            if (document.problemCount() == before) {
                document.problem(name + ": " + (typeName == null || typeName.isEmpty() ? "integration has no type"
                        : "unknown integration type '" + typeName + "'"));
            }
            return null;
        }
        String uri = string(name, node, "uri");
        String httpMethod = string(name, node, "httpMethod");
        String credentials = string(name, node, "credentials");
        if (type != IntegrationType.MOCK) {
            if (uri != null || !node.hasNonNull("uri")) {
                checkUri(name, type, uri);
            }
            if (httpMethod == null && !node.hasNonNull("httpMethod")) {
                document.problem(name + ": " + type + " integration has no httpMethod");
            }
        } else {
            uri = null;
        }
        if (credentials != null) {
            unresolvedPlaceholders(name, "credentials", credentials);
        }
        if (httpMethod != null) {
            httpMethod = shared(httpMethod.toUpperCase(Locale.ROOT));
        }
        PassthroughBehavior passthrough = named(name, node, "passthroughBehavior", PassthroughBehavior.class,
                PassthroughBehavior.WHEN_NO_MATCH);
        ContentHandling contentHandling = named(name, node, "contentHandling", ContentHandling.class,
                ContentHandling.PASSTHROUGH);
        int timeout = timeout(name, node.get("timeoutInMillis"));
        List<IntegrationResponseDefinition> responses = new ArrayList<>();
        object(name, node, "responses").fields().forEachRemaining(entry -> {
            IntegrationResponseDefinition response = response(name, entry.getKey(), entry.getValue());
            if (response != null) {
                responses.add(response);
            }
        });
        // YAML reads an unquoted 1.0 as a number; the version is the same.
        String payloadFormatVersion = node.path("payloadFormatVersion").isNumber()
                ? node.get("payloadFormatVersion").asText() : string(name, node, "payloadFormatVersion");
        return new IntegrationDefinition(type, shared(uri), "ANY".equals(httpMethod) ? null : httpMethod,
                strings(name, "requestParameters", object(name, node, "requestParameters")),
                compile(name, "request template", object(name, node, "requestTemplates")),
                passthrough, contentHandling, timeout, List.copyOf(responses), shared(credentials),
                node.path("tlsConfig").path("insecureSkipVerification").asBoolean(false),
                payloadFormatVersion == null ? "1.0" : payloadFormatVersion);
    }

    private int timeout(String name, JsonNode node) {
        if (node == null || node.isNull()) {
            return IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS;
        }
        String text = node.asText().trim();
        if (text.matches("\\d{1,9}")) {
            int timeout = Integer.parseInt(text);
            if (timeout >= MIN_TIMEOUT && timeout <= MAX_TIMEOUT) {
                return timeout;
            }
        }
        document.problem(name + ": timeoutInMillis " + text + " is not between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT);
        return IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS;
    }

    private void checkUri(String name, IntegrationType type, String uri) {
        boolean http = type == IntegrationType.HTTP || type == IntegrationType.HTTP_PROXY;
        if (uri == null || uri.isBlank()) {
            document.problem(name + ": " + type + " integration has no uri");
        } else if (http && !isHttpUrl(uri)) {
            document.problem(name + ": uri '" + uri + "' is not an absolute http(s) URL");
        } else if (!http && !AWS_URI.matcher(uri).matches()) {
            document.problem(name + ": uri '" + uri
                    + "' is not an arn:aws:apigateway:{region}:{service}:(path|action)/... ARN");
        } else {
            unresolvedPlaceholders(name, "uri", uri);
        }
    }

    /**
     * Refuses a {@code ${...}} that nothing will replace: a Terraform or CloudFormation placeholder left in. API
     * Gateway substitutes only {@code ${stageVariables.name}} in a uri or credentials, per request
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html);
     * the AWS variables for OpenAPI import were replaced before this, or reported where they could not be.
     */
    private void unresolvedPlaceholders(String name, String field, String value) {
        Matcher m = DOLLAR_PLACEHOLDER.matcher(value);
        Set<String> unresolved = new LinkedHashSet<>();
        while (m.find()) {
            if (!STAGE_VARIABLE.matcher(m.group()).matches() && !ImportVariables.VARIABLE.matcher(m.group()).matches()) {
                unresolved.add(m.group());
            }
        }
        if (!unresolved.isEmpty()) {
            document.problem(name + ": " + field + " '" + value + "' has " + String.join(", ", unresolved)
                    + ", which nothing resolves: API Gateway substitutes only ${stageVariables.name} here");
        }
    }

    private IntegrationResponseDefinition response(String name, String key, JsonNode node) {
        Pattern pattern = null;
        if (!key.equals("default")) {
            try {
                pattern = Pattern.compile(key);
            } catch (PatternSyntaxException e) {
                document.problem(name + ": invalid selection pattern '" + key + "': " + e.getDescription());
                return null;
            }
        }
        Integer status = statusCode(name + ": response '" + key + "'", node.get("statusCode"));
        if (status == null) {
            if (!node.has("statusCode")) {
                document.problem(name + ": response '" + key + "' has no statusCode");
            }
            return null;
        }
        String owner = name + " response '" + key + "'";
        return new IntegrationResponseDefinition(key, pattern, status,
                strings(owner, "responseParameters", object(owner, node, "responseParameters")),
                compile(name, "response '" + key + "' template", object(owner, node, "responseTemplates")),
                named(name, node, "contentHandling", ContentHandling.class, ContentHandling.PASSTHROUGH));
    }

    Map<GatewayResponseType, GatewayResponseDefinition> gatewayResponses() {
        Map<GatewayResponseType, GatewayResponseDefinition> customisations =
                new EnumMap<>(GatewayResponseType.class);
        document.root().path("x-amazon-apigateway-gateway-responses").fields().forEachRemaining(entry -> {
            String name = "gateway response " + entry.getKey();
            GatewayResponseType type = OpenApiDocument.enumValue(GatewayResponseType.class, entry.getKey());
            if (type == null) {
                document.problem(name + ": unknown gateway response type");
                return;
            }
            JsonNode node = entry.getValue();
            customisations.put(type, new GatewayResponseDefinition(statusCode(name, node.get("statusCode")),
                    strings(name, "responseParameters", object(name, node, "responseParameters")),
                    compile(name, "template", object(name, node, "responseTemplates"))));
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
        document.problem(owner + ": statusCode '" + node.asText() + "' is not an HTTP status");
        return null;
    }

    /**
     * Content type -> compiled template, in file order; a template's location reads
     * "GET /pets request template application/json". A template is a string; a null one (YAML's empty value) is
     * the empty template; anything else is refused.
     */
    private Map<String, MappingTemplate> compile(String name, String kind, JsonNode node) {
        String location = name + " " + kind;
        Map<String, MappingTemplate> compiled = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String where = location + " " + entry.getKey();
            JsonNode value = entry.getValue();
            if (!value.isTextual() && !value.isNull()) {
                document.problem(name + ": " + kind + " " + entry.getKey() + " is " + notAString(value));
                return;
            }
            try {
                // a template that API Gateway stores (and exports) as null is an empty one
                String text = value.isNull() ? "" : value.textValue();
                compiled.put(entry.getKey(), checked ? templates.checked(where, text) : templates.compile(where, text));
            } catch (TemplateSyntaxException e) {
                String message = String.valueOf(e.getMessage());
                document.problem(message.contains(location) ? message : where + ": " + message);
            } catch (RuntimeException e) {
                // A compiler fault is this template's problem, not the end of the whole table.
                document.problem(where + ": does not compile: " + e);
            }
        });
        return compact(compiled);
    }

    /**
     * The map as the route keeps it: no map for none, a singleton for one (most routes have at most one template
     * and a few parameters), the insertion-ordered map otherwise. Each tolerates {@code get(null)}.
     */
    static <V> Map<String, V> compact(Map<String, V> map) {
        return switch (map.size()) {
            case 0 -> Collections.emptyMap();
            case 1 -> {
                Map.Entry<String, V> only = map.entrySet().iterator().next();
                yield Collections.singletonMap(only.getKey(), only.getValue());
            }
            default -> Collections.unmodifiableMap(map);
        };
    }

    private String shared(String value) {
        return value == null ? null : strings.computeIfAbsent(value, v -> v);
    }

    /** A field that is a string, or null when it is absent or null; any other value is refused, naming the route. */
    private String string(String owner, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            document.problem(owner + ": " + field + " is " + notAString(value));
            return null;
        }
        return value.textValue();
    }

    /** A field that is an object, or a missing node when it is absent or null; any other value is refused. */
    private JsonNode object(String owner, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return MissingNode.getInstance();
        }
        if (!value.isObject()) {
            document.problem(owner + ": " + field + " is " + describe(value) + ", not an object");
            return MissingNode.getInstance();
        }
        return value;
    }

    /** {@code requestParameters} or {@code responseParameters}: each value a string, in file order. */
    private Map<String, String> strings(String owner, String field, JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                values.put(entry.getKey(), shared(entry.getValue().textValue()));
            } else {
                document.problem(owner + ": " + field + " " + entry.getKey() + " is " + notAString(entry.getValue()));
            }
        });
        return compact(values);
    }

    private static String notAString(JsonNode value) {
        String hint = "";
        if (value.isObject() && value.size() == 1) {
            String key = value.fieldNames().next();
            if (key.startsWith("Fn::") || key.equals("Ref")) {
                hint = " (a CloudFormation " + key + " left in: API Gateway does not resolve it)";
            }
        }
        return describe(value) + ", not a string" + hint;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private <E extends Enum<E>> E named(String name, JsonNode node, String field, Class<E> type, E fallback) {
        String value = string(name, node, field);
        if (value == null) {
            return fallback;
        }
        E parsed = OpenApiDocument.enumValue(type, value);
        if (parsed == null) {
            document.problem(name + ": unknown " + field + " '" + value + "'");
            return fallback;
        }
        return parsed;
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
}
