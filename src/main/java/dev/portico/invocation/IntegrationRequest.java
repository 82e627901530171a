package dev.portico.invocation;

import dev.portico.errors.GatewayException;
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
 * @throws GatewayException a 400 when a path parameter holds a dot segment ({@code .} or {@code ..} between
 *                          slashes): however it is encoded, RFC 3986 (sections 6.2.2.2 and 5.2.4) lets the
 *                          backend resolve it outside the integration's path
 */
public record IntegrationRequest(
        Headers headers,
        Map<String, List<String>> query,
        Map<String, String> pathParameters,
        byte[] body,
        String contentType) {

    public IntegrationRequest {
        pathParameters.forEach((name, value) -> {
            if (hasDotSegment(value)) {
                throw GatewayException.badRequest("Bad request",
                        "integration.request.path." + name + " holds a dot segment: " + value);
            }
        });
    }

    /** Whether a {@code .} or {@code ..} segment is in the value, split at {@code /} (and {@code \}). */
    static boolean hasDotSegment(String value) {
        if (value == null || value.indexOf('.') < 0) {
            return false;
        }
        for (String segment : value.split("[/\\\\]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
