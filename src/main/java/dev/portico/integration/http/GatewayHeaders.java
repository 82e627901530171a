package dev.portico.integration.http;

import dev.portico.event.Headers;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.Trace;
import dev.portico.route.IntegrationDefinition;

/** What API Gateway adds to every HTTP integration request, and the settings both HTTP types share. */
final class GatewayHeaders {
    private GatewayHeaders() {}

    /** Adds {@code X-Amzn-Apigateway-Api-Id} and the request's trace ({@link Trace}). */
    static void add(Headers headers, Invocation invocation) {
        headers.set("X-Amzn-Apigateway-Api-Id", invocation.settings().apiId());
        headers.set(Trace.HEADER, invocation.downstreamTrace().header());
    }

    /**
     * What API Gateway sets on a non-proxy HTTP request when the mappings did not: the client's address in
     * {@code X-Forwarded-For} with {@code X-Forwarded-Proto} and {@code -Port}, {@code Accept: application/json} and
     * {@code User-Agent: AmazonAPIGateway_<apiId>} (recorded on AWS: LocalStack's
     * {@code test_apigateway_http.snapshot.json}, {@code test_http_integration_with_lambda[HTTP]}).
     */
    static void addDefaults(Headers headers, Invocation invocation) {
        String sourceIp = invocation.request().sourceIp();
        if (!headers.contains("X-Forwarded-For") && !sourceIp.isEmpty()) {
            headers.set("X-Forwarded-For", sourceIp);
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", "https");
        }
        if (!headers.contains("X-Forwarded-Port")) {
            headers.set("X-Forwarded-Port", "443");
        }
        if (!headers.contains("Accept")) {
            headers.set("Accept", "application/json");
        }
        if (!headers.contains("User-Agent")) {
            headers.set("User-Agent", "AmazonAPIGateway_" + invocation.settings().apiId());
        }
    }

    /** The integration's {@code httpMethod}; the client's own when it is unset or ANY. */
    static String method(IntegrationDefinition integration, Invocation invocation) {
        String method = integration.httpMethod();
        return method == null || method.equalsIgnoreCase("ANY") ? invocation.request().httpMethod() : method;
    }
}
