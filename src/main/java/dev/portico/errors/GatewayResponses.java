package dev.portico.errors;

import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.mapping.MappingTemplate;
import dev.portico.mapping.ParameterSources;
import dev.portico.mapping.TemplateInput;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a {@link GatewayException} into API Gateway's answer: the status, {@code x-amzn-ErrorType} and
 * {@code {"message": ...}} body it gives by default, or what the route table's
 * {@code x-amazon-apigateway-gateway-responses} says instead. A type without its own customisation takes
 * the customisation of DEFAULT_4XX or DEFAULT_5XX, as API Gateway does.
 */
public final class GatewayResponses {

    /**
     * One {@code x-amazon-apigateway-gateway-responses} entry.
     *
     * @param statusCode         the status to answer with, or null to keep the type's own
     * @param responseParameters {@code gatewayresponse.header.X -> 'static value'} or a request parameter
     * @param responseTemplates  content type -> template for the body
     */
    public record Customisation(Integer statusCode, Map<String, String> responseParameters,
                                Map<String, MappingTemplate> responseTemplates) {}

    /** Resolves a {@code responseParameters} source expression for the current request, or null. */
    @FunctionalInterface
    public interface ParameterSource {
        String resolve(String expression);
    }

    private static final GatewayResponses DEFAULTS = new GatewayResponses(Map.of());

    private final Map<GatewayResponseType, Customisation> customisations;

    public GatewayResponses(Map<GatewayResponseType, Customisation> customisations) {
        this.customisations = customisations.isEmpty()
                ? Map.of() : new EnumMap<>(customisations);
    }

    public static GatewayResponses defaults() {
        return DEFAULTS;
    }

    public Map<GatewayResponseType, Customisation> customisations() {
        return customisations;
    }

    /**
     * @param error      the error to answer
     * @param input      the template input, whose context holds {@code error.*}; null when no request exists
     * @param parameters resolves header mappings against the request; null when no request exists
     */
    public OutgoingResponse render(GatewayException error, TemplateInput input, ParameterSource parameters) {
        Customisation custom = customisationFor(error);
        int status = custom != null && custom.statusCode() != null ? custom.statusCode() : error.status();
        Headers headers = new Headers();
        headers.set("Content-Type", "application/json");
        if (error.errorType() != null) {
            headers.set("x-amzn-ErrorType", error.errorType());
        }
        String body = defaultBody(error);
        if (custom != null) {
            custom.responseParameters().forEach((target, source) -> {
                String value = resolve(source, parameters);
                if (value != null) {
                    headers.set(target.substring("gatewayresponse.header.".length()), value);
                }
            });
            MappingTemplate template = jsonTemplate(custom.responseTemplates());
            if (template != null && input != null) {
                body = template.render(input);
            }
        }
        return new OutgoingResponse(status, headers.freeze(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    private Customisation customisationFor(GatewayException error) {
        Customisation own = customisations.get(error.type());
        return own != null ? own : customisations.get(GatewayResponseType.fallbackFor(error.status()));
    }

    private static MappingTemplate jsonTemplate(Map<String, MappingTemplate> templates) {
        MappingTemplate json = templates.get("application/json");
        return json != null || templates.isEmpty() ? json : templates.values().iterator().next();
    }

    private static String resolve(String source, ParameterSource parameters) {
        String literal = ParameterSources.staticValue(source);
        if (literal != null) {
            return literal;
        }
        return parameters == null ? null : parameters.resolve(source);
    }

    /**
     * API Gateway's own bodies. Its "Internal server error" answers carry a space after the colon (recorded
     * on AWS: 36 bytes); the others are written by its default template {@code {"message":$context.error.messageString}}.
     */
    static String defaultBody(GatewayException error) {
        String message = jsonString(error.getMessage());
        return error.getMessage().equals("Internal server error")
                ? "{\"message\": " + message + "}"
                : "{\"message\":" + message + "}";
    }

    /** A JSON string literal, as {@code $context.error.messageString} gives it. */
    public static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
