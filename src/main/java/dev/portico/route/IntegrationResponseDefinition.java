package dev.portico.route;

import dev.portico.template.MappingTemplate;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of {@code x-amazon-apigateway-integration.responses}.
 *
 * @param key                the entry's key as written: a selection pattern, or {@code default}
 * @param selectionPattern   compiled pattern matched against the whole status code (or Lambda error message);
 *                           null for the default response
 * @param statusCode         the method response status this entry produces
 * @param responseParameters {@code method.response.header.X -> source expression}
 * @param responseTemplates  content type -> compiled template, in file order
 * @param contentHandling    how the body crosses between text and binary
 */
public record IntegrationResponseDefinition(
        String key,
        Pattern selectionPattern,
        int statusCode,
        Map<String, String> responseParameters,
        Map<String, MappingTemplate> responseTemplates,
        ContentHandling contentHandling) {

    public boolean isDefault() {
        return selectionPattern == null;
    }
}
