package dev.portico.integration.http;

import dev.portico.event.Headers;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationDefinition;
import java.util.concurrent.ThreadLocalRandom;

/** What API Gateway adds to every HTTP integration request, and the settings both HTTP types share. */
final class GatewayHeaders {
    private static final String TRACE_ID = "X-Amzn-Trace-Id";

    private GatewayHeaders() {}

    /** Adds {@code X-Amzn-Apigateway-Api-Id} and a trace id (the caller's, else a new X-Ray root). */
    static void add(Headers headers, Invocation invocation) {
        headers.set("X-Amzn-Apigateway-Api-Id", invocation.settings().apiId());
        String trace = invocation.request().headers().last(TRACE_ID);
        headers.set(TRACE_ID, trace != null ? trace : newTraceId());
    }

    /** The integration's {@code httpMethod}; the client's own when it is unset or ANY. */
    static String method(IntegrationDefinition integration, Invocation invocation) {
        String method = integration.httpMethod();
        return method == null || method.equalsIgnoreCase("ANY") ? invocation.request().httpMethod() : method;
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%012x%012x", System.currentTimeMillis() / 1000,
                random.nextLong(1L << 48), random.nextLong(1L << 48));
    }
}
