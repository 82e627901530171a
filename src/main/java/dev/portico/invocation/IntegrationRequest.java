package dev.portico.invocation;

import dev.portico.event.Headers;
import java.util.List;
import java.util.Map;

/**
 * The request an integration sends, after parameter mappings and the request template.
 *
 * @param headers        integration request headers (frozen)
 * @param query          integration request query string, each name with its values in order
 * @param pathParameters values for {@code {name}} placeholders of the integration uri
 * @param body           the body to send (the rendered template, or the passed-through request body)
 * @param contentType    the content type of {@code body}, or null when it has none
 */
public record IntegrationRequest(
        Headers headers,
        Map<String, List<String>> query,
        Map<String, String> pathParameters,
        byte[] body,
        String contentType) {}
