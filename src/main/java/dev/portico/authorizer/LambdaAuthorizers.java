package dev.portico.authorizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.aws.LambdaInvoker;
import dev.portico.integration.aws.LambdaProxyEvent;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.mapping.ParameterSources;
import dev.portico.route.AuthorizerDefinition;
import dev.portico.route.AwsServiceUri;
import dev.portico.template.Regex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The method request's authorization, which API Gateway runs before request validation and the integration: the
 * route's Lambda TOKEN or REQUEST authorizer, as AWS's "Input to an API Gateway Lambda authorizer" and "Output
 * from an API Gateway Lambda authorizer" pages describe it.
 *
 * <ol>
 *   <li>Every identity source must be present and not empty, and a TOKEN must match the
 *       {@code identityValidationExpression}; otherwise 401 Unauthorized, without invoking the function.</li>
 *   <li>The function is invoked with the TOKEN event ({@code type}, {@code authorizationToken}, {@code methodArn})
 *       or the REQUEST event (the request's headers, query, path parameters, stage variables and
 *       {@code requestContext}, with {@code type} and {@code methodArn}), through the same Lambda client as
 *       AWS_PROXY, with {@code authorizerCredentials} when set. Its answer is kept for
 *       {@code authorizerResultTtlInSeconds}, keyed by the identity source values.</li>
 *   <li>The policy, cached or new, is evaluated against this request's method ARN: an explicit Deny is 403
 *       "...with an explicit deny", no applicable Allow 403 too; an Allow records {@code principalId} and the
 *       context for {@code $context.authorizer.*} and the Lambda proxy event.</li>
 * </ol>
 *
 * A function error whose message is {@code Unauthorized} answers 401, as AWS's authorizer examples use it; any
 * other failure (Lambda refusing the call, the function failing or timing out, an answer that is not a policy)
 * answers AUTHORIZER_CONFIGURATION_ERROR, 500 {@code {"message":null}}, as API Gateway does. Identity values, the
 * token among them, never reach the log.
 */
public final class LambdaAuthorizers {
    /** Cached answers kept at most, across every authorizer of the table. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    /**
     * How long the authorizer may take: API Gateway documents no limit of its own for the call, so the longest an
     * integration may take; the function's own deadline cuts it shorter.
     */
    static final int TIMEOUT_MILLIS = 29_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoker lambda;
    private final ResultCache cache;
    private final LongSupplier nanoTime;

    /** @param lambda the Lambda client AWS_PROXY uses, or null when the build has none */
    public LambdaAuthorizers(LambdaInvoker lambda) {
        this(lambda, DEFAULT_CACHE_CAPACITY, System::nanoTime);
    }

    LambdaAuthorizers(LambdaInvoker lambda, int cacheCapacity, LongSupplier nanoTime) {
        this.lambda = lambda;
        this.cache = new ResultCache(cacheCapacity, nanoTime);
        this.nanoTime = nanoTime;
    }

    /** Authorizes the request, or throws the gateway's answer; does nothing on a route without an authorizer. */
    public void authorize(Invocation invocation) {
        AuthorizerDefinition authorizer = invocation.route().access().authorizer();
        if (authorizer == null || !authorizer.isLambda()) {
            return;
        }
        String where = invocation.route().name() + ": authorizer " + authorizer.name();
        List<String> values = new ArrayList<>();
        for (String source : authorizer.identitySources()) {
            String value = ParameterSources.resolve(source, invocation);
            if (value == null || value.isEmpty()) {
                throw GatewayException.unauthorized(where + ": identity source " + source + " is missing or empty");
            }
            values.add(value);
        }
        if (authorizer.validationExpression() != null && !matches(authorizer, values.get(0), where)) {
            throw GatewayException.unauthorized(where + ": the token does not match identityValidationExpression");
        }
        String methodArn = methodArn(invocation);
        String key = cacheKey(authorizer, values);
        AuthorizerAnswer answer = authorizer.ttlSeconds() > 0 ? cache.get(key) : null;
        long latencyMillis = 0;
        if (answer == null) {
            long start = nanoTime.getAsLong();
            answer = invoke(authorizer, invocation, values, methodArn, where);
            latencyMillis = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
            if (authorizer.ttlSeconds() > 0) {
                cache.put(key, answer, authorizer.ttlSeconds());
            }
        }
        switch (answer.policy().evaluate(methodArn)) {
            case EXPLICIT_DENY -> throw GatewayException.accessDenied(true,
                    where + ": the policy for principal " + answer.principalId() + " denies " + methodArn);
            case IMPLICIT_DENY -> throw GatewayException.accessDenied(false,
                    where + ": the policy for principal " + answer.principalId() + " does not allow " + methodArn);
            case ALLOW -> { }
        }
        invocation.usageIdentifierKey(answer.usageIdentifierKey());
        Map<String, Object> result = new LinkedHashMap<>(answer.context());
        result.put("principalId", answer.principalId());
        result.put("integrationLatency", latencyMillis);
        invocation.authorized(result);
    }

    /** Cached answers held now. */
    int cached() {
        return cache.size();
    }

    /**
     * {@code arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{httpVerb}/{resource path}}, the request's
     * own method and path (not the route's template), as the TOKEN and REQUEST events show it.
     */
    static String methodArn(Invocation invocation) {
        PorticoSettings settings = invocation.settings();
        String path = invocation.request().routingPath();
        return "arn:aws:execute-api:" + settings.region() + ":" + settings.accountId() + ":" + settings.apiId() + "/"
                + settings.stage() + "/" + invocation.request().httpMethod() + "/"
                + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static boolean matches(AuthorizerDefinition authorizer, String token, String where) {
        try {
            return Regex.matches(authorizer.validationExpression(), token);
        } catch (Regex.LimitExceeded e) {
            throw GatewayException.unauthorized(where + ": identityValidationExpression could not finish on the token");
        }
    }

    private AuthorizerAnswer invoke(AuthorizerDefinition authorizer, Invocation invocation, List<String> values,
                                    String methodArn, String where) {
        if (lambda == null) {
            throw GatewayException.authorizerConfigurationError(where + ": this build has no Lambda client");
        }
        AwsServiceUri uri;
        try {
            uri = authorizer.awsUri(invocation.settings().stageVariables());
        } catch (IllegalArgumentException e) {
            throw GatewayException.authorizerConfigurationError(where + ": " + e.getMessage());
        }
        if (uri.lambdaFunction() == null) {
            throw GatewayException.authorizerConfigurationError(where + ": " + authorizer.uri()
                    + " is not a Lambda invocation URI");
        }
        byte[] event = event(authorizer, invocation, values, methodArn);
        LambdaInvoker.Result result;
        try {
            result = lambda.invoke(where, uri, Headers.empty(), event, authorizer.credentials(),
                    invocation.timeoutMillis(TIMEOUT_MILLIS));
        } catch (GatewayException e) {
            throw GatewayException.authorizerConfigurationError(redact(e.logDetail(), values));
        }
        if (result.failed()) {
            String message = result.errorMessage();
            if ("Unauthorized".equals(message)) {
                throw GatewayException.unauthorized(where + ": the authorizer answered Unauthorized");
            }
            String shown = message.length() > 200 ? message.substring(0, 200) + "..." : message;
            throw GatewayException.authorizerConfigurationError(where + ": the authorizer failed ("
                    + result.functionError() + "): " + redact(shown, values));
        }
        try {
            return AuthorizerAnswer.parse(result.payload());
        } catch (AuthorizerAnswer.Malformed e) {
            throw GatewayException.authorizerConfigurationError(where + ": the authorizer's answer is not a policy: "
                    + e.getMessage());
        }
    }

    /** The TOKEN or REQUEST event of "Input to an API Gateway Lambda authorizer". */
    static byte[] event(AuthorizerDefinition authorizer, Invocation invocation, List<String> values,
                        String methodArn) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", authorizer.type().name());
        if (authorizer.type() == AuthorizerDefinition.Type.TOKEN) {
            event.put("authorizationToken", values.get(0));
            event.put("methodArn", methodArn);
        } else {
            event.put("methodArn", methodArn);
            ObjectNode request = LambdaProxyEvent.v1(invocation);
            request.remove("body");
            request.remove("isBase64Encoded");
            event.setAll(request);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the authorizer event", e);
        }
    }

    /** The authorizer, its URI and a digest of the identity values: no token is kept as it is. */
    private static String cacheKey(AuthorizerDefinition authorizer, List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return authorizer.name() + "\n" + authorizer.uri() + "\n" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code text} with each identity value of four characters or more replaced by {@code ***}. */
    static String redact(String text, List<String> values) {
        String out = text == null ? "" : text;
        for (String value : values) {
            if (value.length() >= 4) {
                out = out.replace(value, "***");
            }
        }
        return out;
    }
}
