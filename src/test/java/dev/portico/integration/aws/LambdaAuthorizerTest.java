package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lambda TOKEN and REQUEST authorizers as real functions ({@link TestFunction#authorizer}) under the Lambda Java
 * runtime, behind the Invoke API. The function counts its own invocations and returns the count in its context,
 * so every assertion about caching is counted at the authorizer.
 */
class LambdaAuthorizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS = AwsProxyIntegrationTest.FUNCTIONS;
    private static final AtomicInteger PROBES = new AtomicInteger();

    private static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseParameters: {method.response.header.X-Principal: context.authorizer.principalId}
                        responseTemplates:
                          application/json: '{"principal": "$context.authorizer.principalId", "calls": "$context.authorizer.calls", "str": "$context.authorizer.str", "num": "$context.authorizer.num", "bool": "$context.authorizer.bool", "type": "$context.authorizer.type", "query": "$context.authorizer.query", "pathId": "$context.authorizer.pathId", "stageVariable": "$context.authorizer.stageVariable", "method": "$context.authorizer.method", "resource": "$context.authorizer.resource"}'
            """;

    private static String scheme(String name, String type, String function, String extra) {
        return """
                    %s:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: custom
                      x-amazon-apigateway-authorizer:
                        type: %s
                        authorizerUri: '%s%s/invocations'
                %s
                """.formatted(name, type, FUNCTIONS, function, extra.isEmpty() ? "" : extra.stripIndent().lines()
                .map(line -> "        " + line).reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    private static String route(String path, String scheme, String integration) {
        return """
                  %s:
                    get:
                      security: [{%s: []}]
                %s
                """.formatted(path, scheme, integration);
    }

    static String routes() {
        String proxy = """
                  x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%sfn/invocations'}
            """.formatted(FUNCTIONS);
        return "openapi: 3.0.1\ninfo: {title: authorizers, version: '1'}\n"
                + "x-amazon-apigateway-request-validators: {params: {validateRequestParameters: true}}\n"
                + "x-amazon-apigateway-gateway-responses:\n"
                + "  UNAUTHORIZED: {responseParameters: {gatewayresponse.header.WWW-Authenticate: \"'Bearer'\"}}\n"
                + "paths:\n"
                + route("/pets/{id}", "TokenAuth", MOCK)
                + route("/pets/{id}/echo", "TokenAuth", proxy)
                + route("/v2/{id}/echo", "TokenAuth", proxy.replace("invocations'}",
                        "invocations', payloadFormatVersion: '2.0'}"))
                + route("/petx/{id}", "TokenAuth", MOCK)
                + route("/other/{id}", "TokenAuth", MOCK)
                + route("/validated", "ValidatedAuth", MOCK)
                + route("/short", "ShortAuth", MOCK)
                + route("/nocache", "NoCacheAuth", MOCK)
                + route("/slow", "SlowAuth", MOCK)
                + route("/request/{id}", "RequestAuth", MOCK)
                + """
                  /required-header:
                    get:
                      security: [{TokenAuth: []}]
                      x-amazon-apigateway-request-validator: params
                      parameters: [{name: X-Required, in: header, required: true, schema: {type: string}}]
                %s
                  /open:
                    get:
                %s
                components:
                  securitySchemes:
                """.formatted(MOCK, MOCK)
                + scheme("TokenAuth", "token", "fn", "")
                + scheme("ValidatedAuth", "token", "fn", """
                        identityValidationExpression: '^Bearer [a-z0-9-]+$'
                        authorizerResultTtlInSeconds: 0""")
                + scheme("ShortAuth", "token", "fn", "authorizerResultTtlInSeconds: 1")
                + scheme("NoCacheAuth", "token", "fn", "authorizerResultTtlInSeconds: 0")
                + scheme("SlowAuth", "token", "slow", "authorizerResultTtlInSeconds: 0")
                + scheme("RequestAuth", "request", "${stageVariables.fn}", """
                        identitySource: method.request.header.auth, method.request.querystring.q
                        authorizerResultTtlInSeconds: 300""");
    }

    private static LocalLambda lambda;
    private static Portico portico;

    @BeforeAll
    static void start() throws Exception {
        lambda = LocalLambda.start();
        PorticoSettings settings = PorticoSettings.defaults()
                .withStageVariables(Map.of("fn", "fn"))
                .withAwsEndpointOverrides(Map.of("lambda", lambda.endpoint()));
        portico = Portico.create(RouteTables.loader().load("authorizers", routes().getBytes(StandardCharsets.UTF_8)),
                settings);
    }

    @AfterAll
    static void stop() {
        if (lambda != null) lambda.close();
    }

    /** A token for {@code behaviour} that no other request has sent: a cache miss. */
    private static String fresh(String behaviour) {
        return behaviour + "#" + PROBES.incrementAndGet();
    }

    private static OutgoingResponse get(String path, String token) {
        Requests request = Requests.of("GET", path);
        if (token != null) request.header("Authorization", token);
        return portico.respond(request.build());
    }

    private static JsonNode body(OutgoingResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private static String text(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The authorizer's invocations so far, counted by the function itself: a new token is always a cache miss. */
    private static int invocations() {
        OutgoingResponse response = get("/pets/1", "probe-" + PROBES.incrementAndGet());
        assertEquals(200, response.status(), () -> text(response));
        return body(response).path("calls").asInt();
    }

    private static void assertAnswer(int status, String message, String errorType, OutgoingResponse response) {
        assertEquals(status, response.status(), () -> text(response));
        assertEquals("{\"message\":" + (message == null ? "null" : "\"" + message + "\"") + "}", text(response));
        assertEquals(errorType, response.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void anAllowingPolicyLetsTheRequestThroughWithThePrincipal() {
        OutgoingResponse response = get("/pets/1", fresh("allow"));
        assertEquals(200, response.status(), () -> text(response));
        assertEquals("user-allow", body(response).path("principal").asText());
        assertEquals("user-allow", response.headers().last("X-Principal"), "context.authorizer.* in mappings");
    }

    @Test
    void anExplicitDenyIs403() {
        assertAnswer(403, "User is not authorized to access this resource with an explicit deny",
                "AccessDeniedException", get("/pets/1", fresh("deny")));
    }

    @Test
    void aPolicyForAnotherActionAllowsNothing() {
        assertAnswer(403, "User is not authorized to access this resource", "AccessDeniedException",
                get("/pets/1", fresh("notinvoke")));
    }

    @Test
    void aCachedWildcardPolicyIsEvaluatedForEachMethodArnAndItsDenyWins() {
        String token = fresh("wildcard");
        int before = invocations();
        assertEquals(200, get("/pets/7", token).status(), "* and ? match pets/7");
        assertEquals(200, get("/petx/8", token).status(), "? matches the x");
        assertAnswer(403, "User is not authorized to access this resource with an explicit deny",
                "AccessDeniedException", get("/pets/secret", token));
        assertAnswer(403, "User is not authorized to access this resource", "AccessDeniedException",
                get("/other/1", token));
        assertEquals(before + 2, invocations(), "one invocation for the four method ARNs, one for the probe");
    }

    @Test
    void aCachedPolicyForOneMethodArnDoesNotAllowAnother() {
        String token = fresh("allow");
        assertEquals(200, get("/pets/1", token).status());
        int before = invocations();
        assertAnswer(403, "User is not authorized to access this resource", "AccessDeniedException",
                get("/pets/2", token));
        assertEquals(before + 1, invocations(), "the cached policy answered; only the probe invoked the authorizer");
    }

    @Test
    void contextValuesReachTemplatesAndTheProxyEventAsStrings() {
        JsonNode mock = body(get("/pets/1", fresh("context")));
        assertEquals("value", mock.path("str").asText());
        assertEquals("1", mock.path("num").asText());
        assertEquals("true", mock.path("bool").asText());

        OutgoingResponse echoed = get("/pets/2/echo", fresh("context"));
        assertEquals(200, echoed.status(), () -> text(echoed));
        JsonNode event = body(echoed).path("body").isTextual() ? readTree(body(echoed).path("body").asText())
                : readTree(text(echoed));
        JsonNode authorizer = event.path("requestContext").path("authorizer");
        assertEquals("user-context", authorizer.path("principalId").asText(), authorizer.toString());
        assertEquals("value", authorizer.path("str").asText());
        assertTrue(authorizer.path("num").isTextual() && authorizer.path("num").asText().equals("1"), authorizer.toString());
        assertEquals("true", authorizer.path("bool").asText());
        assertTrue(authorizer.path("integrationLatency").isNumber(), authorizer.toString());

        // payload 2.0: the values under requestContext.authorizer.lambda, as an HTTP API's Lambda authorizer gives them
        OutgoingResponse v2 = get("/v2/3/echo", fresh("context"));
        assertEquals(200, v2.status(), () -> text(v2));
        JsonNode lambda = readTree(text(v2)).path("requestContext").path("authorizer").path("lambda");
        assertEquals("value", lambda.path("str").asText(), text(v2));
        assertEquals("user-context", lambda.path("principalId").asText());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void anAuthorizerThatSaysUnauthorizedIs401AndOneThatThrowsIs500() {
        assertAnswer(401, "Unauthorized", "UnauthorizedException", get("/nocache", "unauthorized"));
        assertAnswer(500, null, "AuthorizerConfigurationException", get("/nocache", "throw"));
    }

    @Test
    void anAnswerThatIsNoPolicyIs500() {
        assertAnswer(500, null, "AuthorizerConfigurationException", get("/nocache", "malformed"));
        assertAnswer(500, null, "AuthorizerConfigurationException", get("/nocache", "badcontext"));
    }

    @Test
    void anAuthorizerThatTimesOutIs500() {
        long start = System.nanoTime();
        assertAnswer(500, null, "AuthorizerConfigurationException", get("/slow", "sleep:5000"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "the function's own 1 s timeout");
    }

    @Test
    void anAuthorizerThatHangsIsCutShortByTheFunctionsDeadline() {
        long start = System.nanoTime();
        OutgoingResponse response = portico.respond(Requests.of("GET", "/nocache")
                .header("Authorization", "sleep:8000").build(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800));
        long took = System.nanoTime() - start;
        assertAnswer(500, null, "AuthorizerConfigurationException", response);
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(2500), "answered in " + Duration.ofNanos(took));
    }

    @Test
    void aMissingOrEmptyTokenIs401WithoutInvokingTheAuthorizer() {
        int before = invocations();
        OutgoingResponse missing = get("/pets/1", null);
        assertAnswer(401, "Unauthorized", "UnauthorizedException", missing);
        assertEquals("Bearer", missing.headers().last("WWW-Authenticate"), "the table's UNAUTHORIZED customisation");
        assertAnswer(401, "Unauthorized", "UnauthorizedException", get("/pets/1", ""));
        assertEquals(before + 1, invocations(), "only the probe invoked the authorizer");
    }

    @Test
    void aTokenThatFailsTheValidationExpressionIs401WithoutInvokingTheAuthorizer() {
        assertEquals(200, get("/validated", "Bearer abc").status(), "caching is off: the exact ARN each time");
        int before = invocations();
        assertAnswer(401, "Unauthorized", "UnauthorizedException", get("/validated", "Basic abc"));
        assertAnswer(401, "Unauthorized", "UnauthorizedException", get("/validated", "Bearer " + "a".repeat(200_000) + "!"));
        assertEquals(before + 1, invocations(), "only the probe invoked the authorizer");
    }

    @Test
    void theAuthorizerRunsBeforeRequestValidation() {
        assertAnswer(401, "Unauthorized", "UnauthorizedException", get("/required-header", null));
        OutgoingResponse invalid = get("/required-header", fresh("allow"));
        assertEquals(400, invalid.status(), () -> text(invalid));
    }

    @Test
    void aCachedAnswerIsNotAskedForAgainWithinItsTtl() {
        String token = "cached-" + PROBES.incrementAndGet();
        JsonNode first = body(get("/pets/1", token));
        JsonNode second = body(get("/pets/1", token));
        assertEquals(first.path("calls").asInt(), second.path("calls").asInt(), "the second came from the cache");
        assertEquals(first.path("calls").asInt() + 1, invocations(), "and the next new token is the next invocation");
    }

    @Test
    void aCachedAnswerExpiresAfterItsTtl() throws InterruptedException {
        String token = "expiring-" + PROBES.incrementAndGet();
        int first = body(get("/short", token)).path("calls").asInt();
        assertEquals(first, body(get("/short", token)).path("calls").asInt(), "within the second: cached");
        Thread.sleep(1_200);
        assertNotEquals(first, body(get("/short", token)).path("calls").asInt(), "after it: invoked again");
    }

    @Test
    void withCachingOffEveryRequestInvokesTheAuthorizer() {
        int first = body(get("/nocache", "same")).path("calls").asInt();
        assertNotEquals(first, body(get("/nocache", "same")).path("calls").asInt());
    }

    @Test
    void aRequestAuthorizerGetsTheRequestAndIsKeyedByAllItsSources() {
        String auth = fresh("allow");
        Requests request = Requests.of("GET", "/request/42").header("auth", auth).query("q", "one");
        OutgoingResponse response = portico.respond(request.build());
        assertEquals(200, response.status(), () -> text(response));
        JsonNode seen = body(response);
        assertEquals("REQUEST", seen.path("type").asText());
        assertEquals("one", seen.path("query").asText());
        assertEquals("42", seen.path("pathId").asText());
        assertEquals("fn", seen.path("stageVariable").asText());
        assertEquals("GET", seen.path("method").asText());
        assertEquals("/request/{id}", seen.path("resource").asText());

        int calls = seen.path("calls").asInt();
        JsonNode again = body(portico.respond(Requests.of("GET", "/request/42").header("auth", auth).query("q", "one").build()));
        assertEquals(calls, again.path("calls").asInt(), "same sources: cached");
        JsonNode other = body(portico.respond(Requests.of("GET", "/request/42").header("auth", auth).query("q", "two").build()));
        assertNotEquals(calls, other.path("calls").asInt(), "another query value: invoked again");

        int before = invocations();
        assertAnswer(401, "Unauthorized", "UnauthorizedException",
                portico.respond(Requests.of("GET", "/request/42").header("auth", auth).build()));
        assertEquals(before + 1, invocations(), "a missing source invokes nothing");
    }

    @Test
    void anOpenRouteHasNoAuthorizer() {
        OutgoingResponse response = get("/open", null);
        assertEquals(200, response.status());
        assertEquals("", body(response).path("principal").asText());
        assertFalse(response.headers().contains("X-Principal"));
    }
}
