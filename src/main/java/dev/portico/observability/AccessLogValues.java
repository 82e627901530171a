package dev.portico.observability;

import java.util.Map;

/**
 * The value of each access log variable for one {@link Exchange}: those known only once the answer is ({@code
 * status}, {@code responseLength}, {@code responseLatency}, {@code integration.*}) from the exchange, every other
 * from the request's {@code $context} as {@code dev.portico.invocation.ContextVariables} built it and the stages
 * filled it ({@code error.*}), so the log says what the templates saw.
 */
final class AccessLogValues {
    private AccessLogValues() {}

    /** The raw value of {@code $context.name}, or null when Portico has none (written {@code -}). */
    static String value(String name, Exchange exchange) {
        switch (name) {
            case "status":
                return Integer.toString(exchange.status());
            case "responseLength":
                return Long.toString(exchange.responseLength());
            case "responseLatency":
                return Long.toString(exchange.latencyMillis());
            case "integrationLatency":
            case "integration.latency": {
                long millis = exchange.integrationLatencyMillis();
                return millis < 0 ? null : Long.toString(millis);
            }
            case "integration.status": {
                int status = exchange.invocation() == null ? -1 : exchange.invocation().integrationStatus();
                return status < 0 ? null : Integer.toString(status);
            }
            case "integrationStatus":
            case "integration.integrationStatus": {
                int status = exchange.integrationServiceStatus();
                return status < 0 ? null : Integer.toString(status);
            }
            case "integration.error":
            case "integrationErrorMessage":
                return exchange.invocation() == null ? null : exchange.invocation().integrationError();
            case "error.message": {
                String message = contextValue("error.message", exchange.context());
                return message != null && !message.isEmpty() ? message : exchange.errorMessage();
            }
            case "error.responseType": {
                String type = contextValue("error.responseType", exchange.context());
                return type != null && !type.isEmpty() ? type : exchange.errorType();
            }
            case "httpMethod":
                return exchange.invocation() == null ? exchange.httpMethod() : contextValue(name, exchange.context());
            case "requestId":
                return exchange.invocation() == null && exchange.request() != null ? exchange.request().requestId()
                        : contextValue(name, exchange.context());
            case "identity.sourceIp":
                return exchange.invocation() == null && exchange.request() != null ? exchange.request().sourceIp()
                        : contextValue(name, exchange.context());
            default:
                return contextValue(name, exchange.context());
        }
    }

    /** {@code a.b.c} read through the nested maps of {@code $context}; null when a step is missing. */
    @SuppressWarnings("unchecked")
    static String contextValue(String name, Map<String, Object> context) {
        Object at = context;
        int from = 0;
        while (from <= name.length()) {
            if (!(at instanceof Map)) {
                return null;
            }
            int dot = name.indexOf('.', from);
            String key = dot < 0 ? name.substring(from) : name.substring(from, dot);
            at = ((Map<String, Object>) at).get(key);
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        return at == null || at instanceof Map ? null : String.valueOf(at);
    }
}
