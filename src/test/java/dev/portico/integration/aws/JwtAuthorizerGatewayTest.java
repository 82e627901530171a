package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.apikey.ApiKeys;
import dev.portico.authorizer.AuthorizerOptions;
import dev.portico.authorizer.BackendKeyFetcher;
import dev.portico.authorizer.KeyServer;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.Observability;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cognito user pool authorizers and the load balancer's verified identity through the gateway: a real local key
 * endpoint ({@link KeyServer}) and the test function under the Lambda runtime, so that the claims are seen where
 * users read them: {@code $context.authorizer.claims} in templates and parameter mappings, and the Lambda proxy
 * event's {@code requestContext.authorizer} in payload 1.0 and 2.0.
 */
class JwtAuthorizerGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS = AwsProxyIntegrationTest.FUNCTIONS;
    private static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseParameters: {method.response.header.X-Sub: context.authorizer.claims.sub}
                        responseTemplates:
                          application/json: '{"sub": "$context.authorizer.claims.sub", "email": "$context.authorizer.claims.email", "use": "$context.authorizer.claims.token_use", "user": "$context.authorizer.claims[''cognito:username'']"}'
            """;

    private static String route(String path, String security, String integration) {
        return """
                  %s:
                    get:
                      security: [%s]
                %s
                """.formatted(path, security, integration);
    }

    private static String routes() {
        String proxy = "      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '"
                + FUNCTIONS + "fn/invocations'%s}\n";
        return "openapi: 3.0.1\ninfo: {title: jwt, version: '1'}\n"
                + "x-amazon-apigateway-gateway-responses:\n"
                + "  UNAUTHORIZED:\n"
                + "    responseParameters: {gatewayresponse.header.WWW-Authenticate: \"'Bearer'\"}\n"
                + "    responseTemplates: {application/json: '{\"error\": $context.error.messageString}'}\n"
                + "paths:\n"
                + route("/orders", "{Pool: []}", MOCK)
                + route("/scoped", "{Pool: [orders/read]}", MOCK)
                + route("/admin", "{Pool: [orders/write]}", MOCK)
                + route("/v1/echo", "{Pool: []}", proxy.formatted(""))
                + route("/v2/echo", "{Pool: []}", proxy.formatted(", payloadFormatVersion: '2.0'"))
                + route("/alb/echo", "{Alb: []}", proxy.formatted(""))
                + route("/whoami", "{Alb: []}", MOCK)
                + "  /open:\n    get:\n" + MOCK
                + """
                components:
                  securitySchemes:
                    Pool:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: cognito_user_pools
                      x-amazon-apigateway-authorizer:
                        type: cognito_user_pools
                        providerARNs: ['%s']
                    Alb:
                      type: apiKey
                      name: x-amzn-oidc-data
                      in: header
                      x-portico-authorizer: {type: alb_oidc}
                """.formatted(KeyServer.POOL_ARN);
    }

    private static KeyServer keys;
    private static LocalLambda lambda;
    private static Portico portico;
    private static Portico unverified;

    @BeforeAll
    static void start() throws Exception {
        keys = KeyServer.start();
        lambda = LocalLambda.start();
        PorticoSettings settings = PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("lambda",
                lambda.endpoint(), "cognito-idp", keys.url(), "elb-public-keys", keys.albKeysUrl()));
        RouteTable table = RouteTables.loader().load("jwt", routes().getBytes(StandardCharsets.UTF_8));
        portico = new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings), settings,
                Observability.off(), new AuthorizerOptions(List.of(KeyServer.ALB_ARN), List.of(), new BackendKeyFetcher(new VertxBackendClient())),
                ApiKeys.none());
        unverified = new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings), settings,
                Observability.off(), AuthorizerOptions.defaults(), ApiKeys.none());
    }

    @AfterAll
    static void stop() {
        if (lambda != null) lambda.close();
        if (keys != null) keys.close();
    }

    private static OutgoingResponse get(Portico gateway, String path, String header, String value) {
        Requests request = Requests.of("GET", path);
        if (value != null) request.header(header, value);
        return gateway.respond(request.build());
    }

    private static OutgoingResponse get(String path, String token) {
        return get(portico, path, "Authorization", token);
    }

    private static JsonNode body(OutgoingResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    private static String text(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertUnauthorized(String message, OutgoingResponse response) {
        assertEquals(401, response.status(), () -> text(response));
        assertEquals("{\"error\": \"" + message + "\"}", text(response), "the table's UNAUTHORIZED customisation");
        assertEquals("Bearer", response.headers().last("WWW-Authenticate"));
        assertEquals("UnauthorizedException", response.headers().last("x-amzn-ErrorType"));
    }

    @Test
    void aValidTokensClaimsReachTemplatesAndMappings() {
        OutgoingResponse response = get("/orders", keys.sign(keys.claims("id").build()));
        assertEquals(200, response.status(), () -> text(response));
        JsonNode body = body(response);
        assertEquals("jane@example.com", body.path("email").asText());
        assertEquals("id", body.path("use").asText());
        assertEquals("jane", body.path("user").asText());
        assertEquals("8c5a6b3e-0000-4000-8000-000000000001", response.headers().last("X-Sub"));
    }

    @Test
    void missingInvalidAndExpiredTokensAre401() {
        assertUnauthorized("Unauthorized", get("/orders", null));
        assertUnauthorized("Unauthorized", get("/orders", "garbage"));
        assertUnauthorized("Unauthorized", get("/orders", keys.unsigned(keys.claims("id").build())));
        long past = System.currentTimeMillis() / 1000 - 10;
        assertUnauthorized("The incoming token has expired",
                get("/orders", keys.sign(keys.claims("id").expirationTime(new Date(past * 1000)).build())));
        assertEquals(200, get("/open", null).status(), "the open route needs nothing");
    }

    @Test
    void scopesAreCheckedPerMethod() {
        String access = keys.sign(keys.claims("access").build());
        assertEquals(200, get("/scoped", access).status());
        assertUnauthorized("Unauthorized", get("/admin", access));
        assertUnauthorized("Unauthorized", get("/scoped", keys.sign(keys.claims("id").build())));
        assertEquals(200, get("/orders", access).status(), "without scopes an access token does too");
    }

    @Test
    void theLambdaProxyEventCarriesTheClaims() throws Exception {
        OutgoingResponse v1 = get("/v1/echo", keys.sign(keys.claims("id").build()));
        assertEquals(200, v1.status(), () -> text(v1));
        JsonNode claims = body(v1).path("requestContext").path("authorizer").path("claims");
        assertEquals("jane@example.com", claims.path("email").asText(), text(v1));
        assertEquals("[admins, users]", claims.path("cognito:groups").asText());
        assertTrue(claims.path("exp").asText().endsWith("UTC " + claims.path("exp").asText().substring(
                claims.path("exp").asText().length() - 4)), claims.toString());

        OutgoingResponse v2 = get("/v2/echo", keys.sign(keys.claims("access").build()));
        assertEquals(200, v2.status(), () -> text(v2));
        JsonNode jwt = body(v2).path("requestContext").path("authorizer").path("jwt");
        assertEquals("jane", jwt.path("claims").path("username").asText(), text(v2));
        assertEquals(List.of("orders/read", "aws.cognito.signin.user.admin"),
                JSON.convertValue(jwt.path("scopes"), List.class));
    }

    @Test
    void theLoadBalancersIdentityIsVerifiedAndRequired() {
        String token = keys.albToken(KeyServer.ALB_ARN, keys.albClaims());
        OutgoingResponse whoami = get(portico, "/whoami", "x-amzn-oidc-data", token);
        assertEquals(200, whoami.status(), () -> text(whoami));
        assertEquals("jane@example.com", body(whoami).path("email").asText());
        assertUnauthorized("Unauthorized", get(portico, "/whoami", "x-amzn-oidc-data", null));

        OutgoingResponse open = get(portico, "/open", "x-amzn-oidc-data", token);
        assertEquals("1234567890", body(open).path("sub").asText(), "an open route sees verified claims too");
        String other = "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/evil/1";
        assertUnauthorized("Unauthorized", get(portico, "/open", "x-amzn-oidc-data",
                keys.albToken(other, keys.albClaims())));

        OutgoingResponse echo = get(portico, "/alb/echo", "x-amzn-oidc-data", token);
        assertEquals("Jane Doe", body(echo).path("requestContext").path("authorizer").path("claims").path("name")
                .asText(), () -> text(echo));

        OutgoingResponse notConfigured = get(unverified, "/whoami", "x-amzn-oidc-data", token);
        assertEquals(500, notConfigured.status());
        assertEquals(200, get(unverified, "/open", "x-amzn-oidc-data", "anything").status(),
                "without signers the header is not looked at");
    }
}
