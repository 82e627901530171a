package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.PassthroughBehavior;
import dev.portico.template.MappingTemplate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integration request stage. For a non-proxy integration (HTTP, AWS, MOCK): parameter mappings, then the
 * request template chosen by {@code Content-Type} under the route's passthrough behaviour, then any
 * {@code $context.requestOverride.*} the template wrote. For a proxy integration: only the parameter mappings,
 * which API Gateway still applies (and checks) there.
 */
public final class IntegrationRequestMapping {
    private IntegrationRequestMapping() {}

    /** The integration request of the route's integration type. */
    public static IntegrationRequest of(Invocation invocation) {
        return invocation.route().integration().type().isProxy() ? proxy(invocation) : map(invocation);
    }

    /**
     * A proxy integration's request: what the route's {@code requestParameters} map (headers, query values and uri
     * path placeholders), with the client's body. The proxy integration sends these over the client's own request.
     */
    static IntegrationRequest proxy(Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        MappedParameters mapped = RequestParameterMapping.apply(integration.requestParameters(), integration.type(),
                invocation);
        Headers headers = Headers.empty();
        if (!mapped.headers().isEmpty()) {
            headers = new Headers();
            mapped.headers().forEach(headers::set);
            headers.freeze();
        }
        return new IntegrationRequest(headers, mapped.query(), mapped.path(), invocation.request().body(),
                invocation.request().headers().last("Content-Type"));
    }

    static IntegrationRequest map(Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        MappedParameters mapped = RequestParameterMapping.apply(integration.requestParameters(), integration.type(),
                invocation);

        Map<String, MappingTemplate> templates = integration.requestTemplates();
        String requestType = invocation.request().headers().last("Content-Type");
        // API Gateway treats a request without Content-Type as application/json when choosing a template.
        String key = MappingTemplates.requestTemplateKey(templates, requestType == null ? MediaTypes.JSON : requestType);
        if (key != null && MappingTemplates.isEmpty(templates.get(key))) {
            key = null; // an empty template transforms nothing: the passthrough behaviour decides, as with no match
        }
        if (key == null && !passesThrough(integration.passthroughBehavior(), templates)) {
            throw GatewayException.unsupportedMediaType(invocation.route().name() + ": no request template for "
                    + (requestType == null ? "a request without Content-Type" : requestType)
                    + " and passthroughBehavior is " + integration.passthroughBehavior());
        }
        PayloadConversion.Payload payload = PayloadConversion.request(invocation.request().body(), requestType,
                invocation.table().binaryMediaTypes(), integration.contentHandling());
        byte[] body = payload.bytes();
        String contentType = requestType;
        if (key != null && !payload.binary()) {
            String rendered = MappingTemplates.render(templates.get(key), invocation.route(), "request template", key,
                    invocation, body);
            body = rendered.getBytes(StandardCharsets.UTF_8);
            contentType = key;
        }

        Headers headers = new Headers();
        mapped.headers().forEach(headers::set);
        Map<String, List<String>> query = mapped.query();
        Map<String, String> path = mapped.path();
        Map<String, Object> overrides = requestOverride(invocation.context());
        if (overrides != null) {
            query = new LinkedHashMap<>(query);
            path = new LinkedHashMap<>(path);
            applyOverrides(overrides, headers, query, path);
        }
        return new IntegrationRequest(headers.freeze(), query, path, body, contentType);
    }

    private static boolean passesThrough(PassthroughBehavior behavior, Map<String, MappingTemplate> templates) {
        return switch (behavior) {
            case WHEN_NO_MATCH -> true;
            case WHEN_NO_TEMPLATES -> templates.isEmpty();
            case NEVER -> false;
        };
    }

    /**
     * An override's values: a list gives one value per element (a repeated header, a multi-value query parameter),
     * anything else one value ("Override your API's request and response parameters and status codes").
     */
    static List<String> overrideValues(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** {@code $context.requestOverride} when the template made it, else null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestOverride(Map<String, Object> context) {
        return (Map<String, Object>) ContextVariables.ifBuilt(context, "requestOverride");
    }

    private static void applyOverrides(Map<String, Object> overrides, Headers headers, Map<String, List<String>> query,
                                       Map<String, String> path) {
        if (overrides.get("header") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> headers.setAll(String.valueOf(name), overrideValues(value)));
        }
        if (overrides.get("querystring") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> query.put(String.valueOf(name), overrideValues(value)));
        }
        if (overrides.get("path") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> path.put(String.valueOf(name), String.valueOf(value)));
        }
    }
}
