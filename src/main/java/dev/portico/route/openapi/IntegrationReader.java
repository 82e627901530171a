package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final int MIN_TIMEOUT = 50;

    private final OpenApiDocument document;
    private final TemplateCompiler templates;

    IntegrationReader(OpenApiDocument document, TemplateCompiler templates) {
        this.document = document;
        this.templates = templates;
    }

    IntegrationDefinition integration(String name, JsonNode node) {
        String typeName = node.path("type").asText("");
        IntegrationType type = OpenApiDocument.enumValue(IntegrationType.class, typeName);
        if (type == null) {
            document.problem(name + ": " + (typeName.isEmpty() ? "integration has no type"
                    : "unknown integration type '" + typeName + "'"));
            return null;
        }
        String uri = OpenApiDocument.text(node, "uri");
        String httpMethod = OpenApiDocument.text(node, "httpMethod");
        if (type != IntegrationType.MOCK) {
            checkUri(name, type, uri);
            if (httpMethod == null) {
                document.problem(name + ": " + type + " integration has no httpMethod");
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
                OpenApiDocument.strings(node.path("requestParameters")),
                compile(name + " request template", node.path("requestTemplates")),
                passthrough, contentHandling, timeout, List.copyOf(responses), OpenApiDocument.text(node, "credentials"),
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
        document.problem(name + ": timeoutInMillis " + text + " is not between " + MIN_TIMEOUT + " and "
                + IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS);
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
        return new IntegrationResponseDefinition(key, pattern, status, OpenApiDocument.strings(node.path("responseParameters")),
                compile(name + " response '" + key + "' template", node.path("responseTemplates")),
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
                    OpenApiDocument.strings(node.path("responseParameters")),
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
        document.problem(owner + ": statusCode '" + node.asText() + "' is not an HTTP status");
        return null;
    }

    /** Content type -> compiled template, in file order; location reads "GET /pets request template application/json". */
    private Map<String, MappingTemplate> compile(String location, JsonNode node) {
        Map<String, MappingTemplate> compiled = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String where = location + " " + entry.getKey();
            try {
                // a template that API Gateway stores (and exports) as null is an empty one
                String text = entry.getValue().isNull() ? "" : entry.getValue().asText();
                compiled.put(entry.getKey(), templates.compile(where, text));
            } catch (TemplateSyntaxException e) {
                String message = String.valueOf(e.getMessage());
                document.problem(message.contains(location) ? message : where + ": " + message);
            }
        });
        return Collections.unmodifiableMap(compiled);
    }

    private <E extends Enum<E>> E named(String name, JsonNode node, String field, Class<E> type, E fallback) {
        String value = OpenApiDocument.text(node, field);
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
