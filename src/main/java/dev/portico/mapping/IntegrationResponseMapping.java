package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.template.MappingTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The integration response stage. For a non-proxy integration: choose the integration response by status (or
 * Lambda error message), map its {@code responseParameters}, render its template for the client's
 * {@code Accept}, then apply {@code $context.responseOverride.*}. For a proxy integration the endpoint's answer
 * is the client's, as it is.
 */
public final class IntegrationResponseMapping {
    private static final String METHOD_HEADER = "method.response.header.";
    private static final String ERROR_MESSAGE = ".errorMessage.";

    private IntegrationResponseMapping() {}

    /** The method response for the endpoint's answer, by the route's integration type. */
    public static OutgoingResponse of(EndpointResponse endpoint, Invocation invocation) {
        return invocation.route().integration().type().isProxy()
                ? new OutgoingResponse(endpoint.status(), endpoint.headers(), endpoint.body(), endpoint.binary())
                : map(endpoint, invocation);
    }

    static OutgoingResponse map(EndpointResponse endpoint, Invocation invocation) {
        IntegrationResponseDefinition selected = ResponseSelection.select(
                invocation.route().integration().responses(), endpoint);
        if (selected == null) {
            throw GatewayException.configurationError(invocation.route().name()
                    + ": no integration response matches status " + endpoint.status() + " and there is no default");
        }
        Headers headers = new Headers();
        selected.responseParameters().forEach((target, source) -> {
            if (target.startsWith(METHOD_HEADER)) {
                String value = resolve(source, endpoint, invocation);
                if (value != null) {
                    RestrictedHeaders.setResponseParameter(headers, target.substring(METHOD_HEADER.length()), value);
                }
            }
        });

        String accept = invocation.request().headers().last("Accept");
        String backendType = endpoint.headers().last("Content-Type");
        PayloadConversion.Payload payload = PayloadConversion.response(endpoint.body(), backendType, accept,
                invocation.table().binaryMediaTypes(), selected.contentHandling());
        Map<String, MappingTemplate> templates = selected.responseTemplates();
        String key = payload.binary() ? null : MappingTemplates.responseTemplateKey(templates, accept);
        if (key != null && MappingTemplates.isEmpty(templates.get(key))) {
            key = null; // an empty template transforms nothing: the body passes through
        }
        byte[] body = payload.bytes();
        String contentType = backendType != null ? backendType : MediaTypes.JSON;
        if (key != null) {
            String rendered = MappingTemplates.render(templates.get(key), invocation.route(), "response template", key,
                    invocation, body);
            body = rendered.getBytes(StandardCharsets.UTF_8);
            contentType = key;
        }
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", contentType);
        }
        int status = applyOverrides(invocation.context(), selected.statusCode(), headers);
        return new OutgoingResponse(status, headers.freeze(), body, payload.binary());
    }

    private static String resolve(String source, EndpointResponse endpoint, Invocation invocation) {
        if (source.startsWith("integration.response.header.")) {
            return endpoint.headers().last(source.substring("integration.response.header.".length()));
        }
        if (source.startsWith("integration.response.multivalueheader.")) {
            List<String> values = endpoint.headers().all(source.substring("integration.response.multivalueheader.".length()));
            return values.isEmpty() ? null : String.join(",", values);
        }
        if (source.equals("integration.response.body")) {
            return endpoint.bodyAsText();
        }
        if (source.startsWith("integration.response.body.")) {
            String path = source.substring("integration.response.body".length());
            String value = ParameterSources.bodyPath(endpoint.bodyAsText(), "$" + path);
            if (value == null && path.startsWith(ERROR_MESSAGE) && endpoint.errorMessage() != null) {
                // A Lambda custom error's errorMessage is itself JSON, and its fields map like the body's ("Handle
                // custom Lambda errors in API Gateway": integration.response.body.errorMessage.<field>).
                value = ParameterSources.bodyPath(endpoint.errorMessage(), "$" + path.substring(ERROR_MESSAGE.length() - 1));
            }
            return value;
        }
        return ParameterSources.resolve(source, invocation);
    }

    @SuppressWarnings("unchecked")
    private static int applyOverrides(Map<String, Object> context, int status, Headers headers) {
        Map<String, Object> overrides = (Map<String, Object>) ContextVariables.ifBuilt(context, "responseOverride");
        if (overrides == null) {
            return status;
        }
        if (overrides.get("header") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> headers.setAll(String.valueOf(name),
                    IntegrationRequestMapping.overrideValues(value)));
        }
        Object override = overrides.get("status");
        if (override != null) {
            try {
                return Integer.parseInt(String.valueOf(override).trim());
            } catch (NumberFormatException e) {
                throw GatewayException.configurationError("$context.responseOverride.status is not a number: " + override);
            }
        }
        return status;
    }
}
