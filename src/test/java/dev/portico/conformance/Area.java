package dev.portico.conformance;

import java.util.List;

/**
 * Feature areas for the report. A case belongs to the first area whose rule matches its id:
 * <ol>
 * <li>{@code routing-*} -> Routing; {@code validator-*} -> Validators</li>
 * <li>{@code vtl-*}, {@code mock-vtl-*}, {@code mock-request-override-*}, {@code mock-response-override-*}
 *     -> VTL ($input, $util, $context)</li>
 * <li>other {@code mock-*} -> MOCK</li>
 * <li>ids containing {@code request-parameter} or {@code forbidden-request-header-mapping} -> Parameter mappings</li>
 * <li>ids containing {@code remapped} or {@code request-headers-visible}, or starting {@code alb-response-}
 *     -> Headers</li>
 * <li>{@code aws-lambda-selection-pattern-*}, {@code *-status-override}, {@code http-backend-*-status}
 *     -> Response selection</li>
 * <li>{@code passthrough-*}, {@code aws-proxy-binary-*} -> Passthrough / binary</li>
 * <li>{@code integration-timeout-*}, {@code aws-proxy-integration-method-not-post} -> Gateway responses</li>
 * <li>other {@code http-*} -> HTTP / HTTP_PROXY; other {@code aws-proxy-*} -> AWS_PROXY; other {@code aws-*} -> AWS</li>
 * </ol>
 */
enum Area {
    ROUTING("Routing"),
    MOCK("MOCK"),
    VTL("VTL ($input, $util, $context)"),
    PARAMETER_MAPPINGS("Parameter mappings"),
    RESPONSE_SELECTION("Response selection"),
    PASSTHROUGH_BINARY("Passthrough / binary"),
    HTTP("HTTP / HTTP_PROXY"),
    AWS_PROXY("AWS_PROXY"),
    AWS("AWS"),
    GATEWAY_RESPONSES("Gateway responses"),
    HEADERS("Headers"),
    VALIDATORS("Validators"),
    OTHER("Other");

    private final String title;

    Area(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    static Area of(String id) {
        if (id.startsWith("routing-")) {
            return ROUTING;
        }
        if (id.startsWith("validator-")) {
            return VALIDATORS;
        }
        if (startsWithAny(id, "vtl-", "mock-vtl-", "mock-request-override-", "mock-response-override-")) {
            return VTL;
        }
        if (id.startsWith("mock-")) {
            return MOCK;
        }
        if (id.contains("request-parameter") || id.contains("forbidden-request-header-mapping")) {
            return PARAMETER_MAPPINGS;
        }
        if (id.startsWith("headers-") || id.contains("remapped") || id.contains("request-headers-visible")
                || id.startsWith("alb-response-")) {
            return HEADERS;
        }
        if (id.startsWith("aws-lambda-selection-pattern-") || id.endsWith("-status-override")
                || id.matches("http-backend-.*-status")) {
            return RESPONSE_SELECTION;
        }
        if (startsWithAny(id, "passthrough-", "aws-proxy-binary-")) {
            return PASSTHROUGH_BINARY;
        }
        if (id.startsWith("integration-timeout-") || id.equals("aws-proxy-integration-method-not-post")) {
            return GATEWAY_RESPONSES;
        }
        if (id.startsWith("http-")) {
            return HTTP;
        }
        if (id.startsWith("aws-proxy-")) {
            return AWS_PROXY;
        }
        return id.startsWith("aws-") ? AWS : OTHER;
    }

    private static boolean startsWithAny(String id, String... prefixes) {
        return List.of(prefixes).stream().anyMatch(id::startsWith);
    }
}
