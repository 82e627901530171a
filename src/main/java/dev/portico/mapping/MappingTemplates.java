package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.invocation.Invocation;
import dev.portico.route.Route;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Choosing and rendering templates, with API Gateway's answer when a template fails. */
public final class MappingTemplates {
    private MappingTemplates() {}

    /** The request template for a content type: an exact media-type match, or none. */
    public static String requestTemplateKey(Map<String, MappingTemplate> templates, String contentType) {
        return MediaTypes.matchingKey(templates, contentType);
    }

    /**
     * The response template for the client's {@code Accept}: the first accepted type that has a template,
     * else application/json, else the first template; null when there are none.
     */
    public static String responseTemplateKey(Map<String, MappingTemplate> templates, String accept) {
        if (templates.isEmpty()) {
            return null;
        }
        if (accept != null) {
            // most clients accept one type: no split for them
            String[] parts = accept.indexOf(',') < 0 ? new String[] {accept} : accept.split(",");
            for (String part : parts) {
                String key = MediaTypes.matchingKey(templates, part);
                if (key != null) {
                    return key;
                }
            }
        }
        String json = MediaTypes.matchingKey(templates, MediaTypes.JSON);
        return json != null ? json : templates.keySet().iterator().next();
    }

    /**
     * Whether a template is empty: {@code ""}, which API Gateway stores as null (recorded on AWS: LocalStack's
     * {@code test_put_integration_response_templates} snapshot) and exports as null. It selects like any template but
     * transforms nothing.
     */
    public static boolean isEmpty(MappingTemplate template) {
        return template.source().isEmpty();
    }

    /**
     * Renders, turning a template failure into API Gateway's 500 with the cause in the log only, naming the route,
     * which template ({@code request template}, {@code response template}) and its content type.
     */
    public static String render(MappingTemplate template, Route route, String which, String contentType,
                                Invocation invocation, byte[] body) {
        // a literal template gives its text whatever the input: no input is made for it
        return template.isLiteral() ? template.source() : render(template, route, which, contentType,
                invocation.templateInput(new String(body, StandardCharsets.UTF_8)));
    }

    /** {@link #render(MappingTemplate, Route, String, String, Invocation, byte[])} with its input made. */
    private static String render(MappingTemplate template, Route route, String which, String contentType,
                                 TemplateInput input) {
        try {
            return template.render(input);
        } catch (TemplateRenderException e) {
            throw GatewayException.configurationError(route.name() + " " + which + " " + contentType + ": "
                    + e.getMessage());
        }
    }
}
