package dev.portico.mapping;

import com.jayway.jsonpath.JsonPath;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.Invocation;
import dev.portico.template.JsonText;
import java.util.List;
import java.util.Map;

/**
 * Resolves the source side of a request parameter mapping, as API Gateway's "parameter mapping" reference
 * defines it: {@code method.request.(path|querystring|multivaluequerystring|header|multivalueheader).NAME},
 * {@code method.request.body} and {@code method.request.body.JSONPath}, {@code context.NAME},
 * {@code stageVariables.NAME} and {@code 'static value'}. A source that is absent resolves to null.
 */
public final class ParameterSources {
    private static final String MULTI_QUERY = "method.request.multivaluequerystring.";
    private static final String MULTI_HEADER = "method.request.multivalueheader.";

    private ParameterSources() {}

    public static String resolve(String expression, Invocation invocation) {
        String literal = staticValue(expression);
        if (literal != null) {
            return literal;
        }
        IncomingRequest request = invocation.request();
        if (expression.startsWith("method.request.")) {
            String rest = expression.substring("method.request.".length());
            if (rest.equals("body")) {
                return invocation.bodyAsText();
            }
            if (rest.startsWith("body.")) {
                return bodyPath(invocation.bodyAsText(), "$" + rest.substring("body".length()));
            }
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return null;
            }
            String where = rest.substring(0, dot);
            String name = rest.substring(dot + 1);
            return switch (where) {
                case "path" -> invocation.pathParameters().get(name);
                case "querystring" -> request.queryValue(name);
                case "multivaluequerystring" -> joined(request.query().get(name));
                case "header" -> request.headers().last(name);
                case "multivalueheader" -> joined(request.headers().all(name));
                default -> null;
            };
        }
        if (expression.startsWith("stageVariables.")) {
            return invocation.settings().stageVariables().get(expression.substring("stageVariables.".length()));
        }
        if (expression.startsWith("context.")) {
            Object value = contextValue(invocation.context(), expression.substring("context.".length()));
            return value == null ? null : value.toString();
        }
        return null;
    }

    /**
     * Like {@link #resolve}, but keeps each value of a {@code multivaluequerystring} or {@code multivalueheader}
     * source apart; null when absent.
     */
    public static List<String> resolveValues(String expression, Invocation invocation) {
        IncomingRequest request = invocation.request();
        if (expression.startsWith(MULTI_QUERY)) {
            List<String> values = request.query().get(expression.substring(MULTI_QUERY.length()));
            return values == null || values.isEmpty() ? null : values;
        }
        if (expression.startsWith(MULTI_HEADER)) {
            List<String> values = request.headers().all(expression.substring(MULTI_HEADER.length()));
            return values.isEmpty() ? null : values;
        }
        String value = resolve(expression, invocation);
        return value == null ? null : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Object contextValue(Map<String, Object> context, String dottedName) {
        Object current = context;
        for (String part : dottedName.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** The value of a {@code 'static value'} expression, or null when the expression is not a static one. */
    public static String staticValue(String expression) {
        return expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")
                ? expression.substring(1, expression.length() - 1) : null;
    }

    /** A JSONPath into a JSON body: text as it is, anything else as JSON; null when absent or not JSON. */
    static String bodyPath(String body, String path) {
        try {
            Object value = JsonPath.using(JsonText.configuration()).parse(JsonText.parse(body)).read(path);
            return value == null ? null : value instanceof String s ? s : JsonPath.parse(value).jsonString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
