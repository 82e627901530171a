package dev.portico.integration.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.aws.SigningHttpClient.Response;
import dev.portico.route.AwsServiceUri;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{function}/invocations}), synchronous unless the route
 * maps {@code X-Amz-Invocation-Type}. Lambda's own refusals (throttled, not found, not allowed) become API
 * Gateway's 500; what the function did is the caller's to judge.
 */
public final class LambdaInvoker {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the function gave back.
     *
     * @param status        Lambda's status (200, or 202 for an asynchronous invocation)
     * @param payload       the function's result, or its error object
     * @param functionError {@code X-Amz-Function-Error} ({@code Unhandled}, {@code Handled}), or null on success
     */
    public record Result(int status, byte[] payload, String functionError) {
        public boolean failed() {
            return functionError != null;
        }

        /** The error object's {@code errorMessage}, or the whole payload when it has none. */
        public String errorMessage() {
            try {
                JsonNode error = JSON.readTree(payload);
                if (error != null && error.hasNonNull("errorMessage")) {
                    return error.get("errorMessage").asText();
                }
            } catch (IOException e) {
                // not JSON: the payload itself is all there is
            }
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final AwsBackend backend;

    public LambdaInvoker(AwsBackend backend) {
        this.backend = backend;
    }

    public Result invoke(String where, AwsServiceUri uri, Headers headers, byte[] payload, String roleArn,
                         int timeoutMillis) {
        String function = uri.lambdaFunction();
        if (function == null) {
            throw GatewayException.configurationError(where + ": " + uri.path() + " is not a Lambda invocation path");
        }
        Headers sent = headers.copy();
        if (!sent.contains("X-Amz-Invocation-Type")) {
            sent.set("X-Amz-Invocation-Type", "RequestResponse");
        }
        if (!sent.contains("Content-Type")) {
            sent.set("Content-Type", "application/json");
        }
        String path = "/2015-03-31/functions/" + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/invocations";
        Response response = backend.call(where, uri, "POST", path, Map.of(), sent, payload, roleArn, timeoutMillis);
        if (response.status() / 100 != 2) {
            String type = response.headers().last("x-amzn-ErrorType");
            String detail = where + ": Lambda refused to invoke " + function + ": " + response.status() + " "
                    + (type == null ? "" : type + " ") + response.bodyAsText();
            throw GatewayException.internal(
                    response.status() == 429 ? detail + " (throttled)" : detail, null);
        }
        return new Result(response.status(), response.body(), response.headers().last("X-Amz-Function-Error"));
    }
}
