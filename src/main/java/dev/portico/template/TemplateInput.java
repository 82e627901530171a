package dev.portico.template;

import dev.portico.event.Headers;
import java.util.List;
import java.util.Map;

/**
 * What a mapping template sees.
 *
 * @param body           {@code $input.body}: the method request body in request templates, the integration
 *                       response body in response templates
 * @param pathParameters method request path parameters ({@code $input.params().path})
 * @param query          method request query string, all values per name ({@code $input.params().querystring}
 *                       shows the last)
 * @param headers        method request headers ({@code $input.params().header})
 * @param context        {@code $context}: nested maps of the documented context variables; mutable, because
 *                       templates write {@code $context.requestOverride.*} and {@code $context.responseOverride.*}
 *                       and those writes must reach later stages
 * @param stageVariables {@code $stageVariables}
 * @param deadlineNanos  the {@link System#nanoTime()} by which a render must have ended (the function's own
 *                       deadline), or {@link #NO_DEADLINE}
 */
public record TemplateInput(
        String body,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        Headers headers,
        Map<String, Object> context,
        Map<String, String> stageVariables,
        long deadlineNanos) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** An input with no deadline but the template engine's own render time limit. */
    public TemplateInput(String body, Map<String, String> pathParameters, Map<String, List<String>> query,
                         Headers headers, Map<String, Object> context, Map<String, String> stageVariables) {
        this(body, pathParameters, query, headers, context, stageVariables, NO_DEADLINE);
    }
}
