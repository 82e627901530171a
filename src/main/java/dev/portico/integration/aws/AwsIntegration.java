package dev.portico.integration.aws;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.Integration;
import dev.portico.integration.aws.SigningHttpClient.Response;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.Trace;
import dev.portico.route.AwsServiceUri;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS (non-proxy): the mapped request goes to an AWS service action or path, signed; the service's answer
 * goes through the integration responses. Lambda invocations answer with the function's result, and a
 * function error's {@code errorMessage} is what selection patterns match.
 */
public final class AwsIntegration implements Integration {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    /** JSON-protocol services: the X-Amz-Target prefix and the content type an action call needs. */
    private record JsonProtocol(String targetPrefix, String contentType) {}

    private static final Map<String, JsonProtocol> JSON_SERVICES = Map.of(
            "dynamodb", new JsonProtocol("DynamoDB_20120810", "application/x-amz-json-1.0"),
            "kinesis", new JsonProtocol("Kinesis_20131202", "application/x-amz-json-1.1"),
            "states", new JsonProtocol("AWSStepFunctions", "application/x-amz-json-1.0"),
            "events", new JsonProtocol("AWSEvents", "application/x-amz-json-1.1"),
            "firehose", new JsonProtocol("Firehose_20150804", "application/x-amz-json-1.1"),
            "logs", new JsonProtocol("Logs_20140328", "application/x-amz-json-1.1"));

    private final AwsBackend backend;
    private final LambdaInvoker lambda;

    public AwsIntegration(AwsBackend backend, LambdaInvoker lambda) {
        this.backend = backend;
        this.lambda = lambda;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.AWS;
    }

    @Override
    public EndpointResponse invoke(IntegrationRequest request, Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        String where = invocation.route().name();
        AwsServiceUri uri;
        try {
            uri = integration.awsUri(invocation.settings().stageVariables());
        } catch (IllegalArgumentException e) {
            throw GatewayException.configurationError(where + ": " + e.getMessage());
        }
        String method = integration.httpMethod() == null ? "POST" : integration.httpMethod().toUpperCase(Locale.ROOT);
        int timeoutMillis = invocation.integrationTimeoutMillis();
        Headers traced = traced(request.headers(), invocation);
        return uri.lambdaFunction() != null
                ? invokeFunction(where, uri, method, request, traced, integration, timeoutMillis)
                : callService(where, uri, method, request, traced, integration, timeoutMillis);
    }

    /**
     * The mapped headers with the request's trace, as API Gateway passes {@code X-Amzn-Trace-Id} to the services it
     * calls (a mapping that sets the header itself keeps its value). The SigV4 signer leaves the header unsigned.
     */
    static Headers traced(Headers headers, Invocation invocation) {
        Headers copy = headers.copy();
        if (!copy.contains(Trace.HEADER)) {
            copy.set(Trace.HEADER, invocation.downstreamTrace().header());
        }
        return copy;
    }

    private EndpointResponse invokeFunction(String where, AwsServiceUri uri, String method, IntegrationRequest request,
                                            Headers traced, IntegrationDefinition integration, int timeoutMillis) {
        if (!method.equals("POST")) {
            throw GatewayException.configurationError(where + ": Lambda is invoked with POST, the integration says " + method);
        }
        LambdaInvoker.Result result = lambda.invoke(where, uri, traced, request.body(),
                integration.credentials(), timeoutMillis);
        Headers headers = new Headers().set("Content-Type", "application/json").freeze();
        // A success has errorMessage "" so that only the default response (or a pattern matching "") is chosen.
        return new EndpointResponse(200, headers, result.payload(), result.failed() ? result.errorMessage() : "");
    }

    private EndpointResponse callService(String where, AwsServiceUri uri, String method, IntegrationRequest request,
                                         Headers traced, IntegrationDefinition integration, int timeoutMillis) {
        Headers headers = traced;
        Map<String, List<String>> query = new LinkedHashMap<>();
        String path;
        JsonProtocol json = JSON_SERVICES.get(uri.service());
        if (uri.action() != null) {
            path = "/";
            if (json != null) {
                if (!headers.contains("X-Amz-Target")) headers.set("X-Amz-Target", json.targetPrefix() + "." + uri.action());
                if (!headers.contains("Content-Type")) headers.set("Content-Type", json.contentType());
            } else {
                query.put("Action", List.of(uri.action()));
            }
        } else {
            path = "/" + substitute(uri.path(), request.pathParameters(), where);
        }
        query.putAll(request.query());
        if (!headers.contains("Content-Type") && request.contentType() != null && request.body().length > 0) {
            headers.set("Content-Type", request.contentType());
        }
        Response response = backend.call(where, uri, method, path, query, headers, request.body(),
                integration.credentials(), timeoutMillis);
        return new EndpointResponse(response.status(), response.headers(), response.body(), null);
    }

    /** Fills {@code {name}} from the mapped path parameters, percent-encoding each value. */
    private static String substitute(String path, Map<String, String> parameters, String where) {
        Matcher m = PLACEHOLDER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = parameters.get(m.group(1));
            if (value == null) {
                throw GatewayException.configurationError(where + ": no integration.request.path." + m.group(1)
                        + " for the uri path " + path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
