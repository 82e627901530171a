package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.AccessKind;
import dev.portico.route.AccessRequirement;
import dev.portico.route.ApiKeySource;
import dev.portico.route.AuthorizerDefinition;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lambda TOKEN and REQUEST authorizers load as the route's enforced authorizer, checked at load with messages
 * naming the route; any other access control this build does not enforce never loads: each kind on its own fails
 * with a message naming the route, the scheme and the kind, and loads only when the scheme is named as enforced
 * upstream.
 */
class AccessControlTest {
    private static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses: {default: {statusCode: "200"}}
            """;

    /** An OpenAPI 3 export with GET /orders, which carries {@code operationExtra}, and an open GET /health. */
    private static String openapi(String operationExtra, String schemes, String rootExtra) {
        return """
                openapi: 3.0.1
                info: {title: protected, version: "1"}
                %s
                paths:
                  /orders:
                    get:
                %s
                %s
                  /health:
                    get:
                      security: []
                %s
                components:
                  securitySchemes:
                %s
                """.formatted(rootExtra, indent(operationExtra, 6), MOCK, MOCK, indent(schemes, 4));
    }

    private static String indent(String text, int spaces) {
        return text.isBlank() ? "" : text.stripIndent().lines().map(line -> " ".repeat(spaces) + line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static final String TOKEN = """
            TokenAuth:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
                authorizerResultTtlInSeconds: 300
            """;

    private static final String SIGV4 = """
            sigv4:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: awsSigv4
            """;

    private static final String REQUEST = """
            RequestAuth:
              type: apiKey
              name: Unused
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: request
                identitySource: method.request.header.Auth, method.request.querystring.key
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
                authorizerCredentials: arn:aws:iam::123456789012:role/invoke-auth
                authorizerResultTtlInSeconds: 0
            """;

    @Test
    void aLambdaTokenAuthorizerLoadsAndIsEnforced() {
        RouteTable table = load(openapi("security: [{TokenAuth: []}]", TOKEN, ""), Set.of());
        Route orders = table.match("GET", "/orders").orElseThrow().route();
        AuthorizerDefinition authorizer = orders.access().authorizer();
        assertEquals("TokenAuth", authorizer.name());
        assertEquals(AuthorizerDefinition.Type.TOKEN, authorizer.type());
        assertEquals(List.of("method.request.header.Authorization"), authorizer.identitySources(),
                "without identitySource the token comes from the header the scheme names");
        assertEquals(300, authorizer.ttlSeconds());
        assertEquals("auth", authorizer.awsUri(java.util.Map.of()).lambdaFunction().replaceAll(".*:", ""));
        assertTrue(orders.access().upstream().isEmpty());
        assertFalse(orders.access().isOpen());
        assertEquals("authorizer: TokenAuth (a Lambda TOKEN authorizer)", orders.access().describe());
        assertNull(table.match("GET", "/health").orElseThrow().route().access().authorizer());
        assertTrue(table.match("GET", "/health").orElseThrow().route().access().isOpen());
    }

    @Test
    void aLambdaRequestAuthorizerLoadsWithItsSourcesAndRole() {
        Route orders = load(openapi("security: [{RequestAuth: []}]", REQUEST, ""), Set.of())
                .match("GET", "/orders").orElseThrow().route();
        AuthorizerDefinition authorizer = orders.access().authorizer();
        assertEquals(AuthorizerDefinition.Type.REQUEST, authorizer.type());
        assertEquals(List.of("method.request.header.Auth", "method.request.querystring.key"),
                authorizer.identitySources());
        assertEquals("arn:aws:iam::123456789012:role/invoke-auth", authorizer.credentials());
        assertEquals(0, authorizer.ttlSeconds());
    }

    @Test
    void theDocumentsOwnSecurityAppliesTheAuthorizerToOperationsWithoutTheirOwn() {
        RouteTable table = load(openapi("", TOKEN, "security: [{TokenAuth: []}]"), Set.of());
        assertEquals("TokenAuth", table.match("GET", "/orders").orElseThrow().route().access().authorizer().name());
        assertTrue(table.match("GET", "/health").orElseThrow().route().access().isOpen());
    }

    @Test
    void aLambdaAuthorizerNamedAsEnforcedUpstreamIsLeftToWhatIsInFront() {
        Route orders = load(openapi("security: [{TokenAuth: []}]", TOKEN, ""), Set.of("TokenAuth"))
                .match("GET", "/orders").orElseThrow().route();
        assertNull(orders.access().authorizer());
        assertEquals("upstream: TokenAuth (a Lambda TOKEN authorizer)", orders.access().describe());
    }

    private static String tokenScheme(String authorizerLines) {
        return """
                TokenAuth:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: custom
                  x-amazon-apigateway-authorizer:
                %s
                """.formatted(indent(authorizerLines, 4));
    }

    private static final String GOOD_URI = "authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/"
            + "functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

    static Stream<Arguments> badAuthorizers() {
        return Stream.of(
                Arguments.of("no authorizerUri", tokenScheme("type: token"), "has no authorizerUri"),
                Arguments.of("not a Lambda URI", tokenScheme("""
                        type: token
                        authorizerUri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue
                        """), "which is not a Lambda invocation URI"),
                Arguments.of("a TTL over an hour", tokenScheme("type: token\n" + GOOD_URI
                        + "\nauthorizerResultTtlInSeconds: 3601"), "authorizerResultTtlInSeconds 3601"),
                Arguments.of("a TTL that is no number", tokenScheme("type: token\n" + GOOD_URI
                        + "\nauthorizerResultTtlInSeconds: soon"), "authorizerResultTtlInSeconds soon"),
                Arguments.of("a TOKEN from the query string", tokenScheme("type: token\n" + GOOD_URI
                        + "\nidentitySource: method.request.querystring.token"), "must be one header"),
                Arguments.of("a regex that does not compile", tokenScheme("type: token\n" + GOOD_URI
                        + "\nidentityValidationExpression: '(['"), "is not a regular expression"),
                Arguments.of("a cached REQUEST authorizer without sources", tokenScheme("type: request\n" + GOOD_URI),
                        "has no identitySource"),
                Arguments.of("a REQUEST source of no known kind", tokenScheme("type: request\n" + GOOD_URI
                        + "\nidentitySource: method.request.body.token"), "identitySource 'method.request.body.token'"),
                Arguments.of("a REQUEST authorizer with a validation expression", tokenScheme("type: request\n"
                        + GOOD_URI + "\nidentitySource: method.request.header.Auth\nidentityValidationExpression: x"),
                        "applies to TOKEN authorizers only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizers")
    void aLambdaAuthorizerThatCannotWorkFailsTheLoadNamingTheRoute(String what, String scheme, String expected) {
        String message = assertThrows(InvalidRouteTableException.class,
                () -> load(openapi("security: [{TokenAuth: []}]", scheme, ""), Set.of())).getMessage();
        assertTrue(message.lines().anyMatch(line -> line.startsWith("GET /orders: Lambda authorizer 'TokenAuth' ")
                && line.contains(expected)), message);
    }

    @Test
    void aMethodHasOneLambdaAuthorizer() {
        String message = assertThrows(InvalidRouteTableException.class, () -> load(
                openapi("security: [{TokenAuth: [], RequestAuth: []}]", TOKEN + REQUEST, ""), Set.of())).getMessage();
        assertTrue(message.contains("GET /orders: security names two authorizers, 'TokenAuth' and "
                + "'RequestAuth'"), message);
    }

    private static final String POOL = """
            Pool:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
            """;

    @Test
    void aCognitoUserPoolAuthorizerLoadsWithTheOperationsScopes() {
        RouteTable table = load(openapi("security: [{Pool: [orders/read, orders/write]}]", POOL, ""), Set.of());
        AuthorizerDefinition pool = table.match("GET", "/orders").orElseThrow().route().access().authorizer();
        assertEquals(AuthorizerDefinition.Type.COGNITO_USER_POOLS, pool.type());
        assertEquals(List.of("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"), pool.providerArns());
        assertEquals(List.of("orders/read", "orders/write"), pool.scopes());
        assertEquals(List.of("method.request.header.Authorization"), pool.identitySources());
        assertEquals("authorizer: Pool (a Cognito user pool authorizer, scopes orders/read orders/write)",
                table.match("GET", "/orders").orElseThrow().route().access().describe());
    }

    static Stream<Arguments> badCognitoAuthorizers() {
        return Stream.of(
                Arguments.of("no providerARNs", "type: cognito_user_pools", "has no providerARNs"),
                Arguments.of("an ARN that is no user pool", """
                        type: cognito_user_pools
                        providerARNs: [arn:aws:iam::123456789012:role/pool]
                        """, "is not a user pool ARN"),
                Arguments.of("a token from the query string", """
                        type: cognito_user_pools
                        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
                        identitySource: method.request.querystring.token
                        """, "takes its token from one header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCognitoAuthorizers")
    void aCognitoAuthorizerThatCannotWorkFailsTheLoadNamingTheRoute(String what, String config, String expected) {
        String scheme = """
                Pool:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: cognito_user_pools
                  x-amazon-apigateway-authorizer:
                %s
                """.formatted(indent(config, 4));
        String message = assertThrows(InvalidRouteTableException.class,
                () -> load(openapi("security: [{Pool: []}]", scheme, ""), Set.of())).getMessage();
        assertTrue(message.lines().anyMatch(line -> line.startsWith("GET /orders: Cognito user pool authorizer 'Pool' ")
                && line.contains(expected)), message);
    }

    @Test
    void aRouteMayRequireTheLoadBalancersIdentity() {
        RouteTable table = load(openapi("security: [{Alb: []}]", """
                Alb:
                  type: apiKey
                  name: x-amzn-oidc-data
                  in: header
                  x-portico-authorizer: {type: alb_oidc}
                """, ""), Set.of());
        AuthorizerDefinition alb = table.match("GET", "/orders").orElseThrow().route().access().authorizer();
        assertEquals(AuthorizerDefinition.Type.ALB_OIDC, alb.type());
        assertEquals("Alb (the load balancer's OIDC identity (x-amzn-oidc-data))", alb.describe());
    }

    static Stream<Arguments> unenforcedKinds() {
        return Stream.of(
                Arguments.of("AWS_IAM through an awsSigv4 scheme", openapi("security: [{sigv4: []}]", """
                        sigv4:
                          type: apiKey
                          name: Authorization
                          in: header
                          x-amazon-apigateway-authtype: awsSigv4
                        """, ""), "sigv4", "AWS_IAM authorization"),
                Arguments.of("AWS_IAM through x-amazon-apigateway-auth",
                        openapi("x-amazon-apigateway-auth: {type: AWS_IAM}", TOKEN, ""),
                        "x-amazon-apigateway-auth", "AWS_IAM authorization"),
                Arguments.of("a scheme API Gateway does not map", openapi("security: [{oauth: [read]}]", """
                        oauth:
                          type: oauth2
                          flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {read: r}}}
                        """, ""), "oauth", "a security scheme of a kind Portico does not recognise"),
                Arguments.of("the document's own security", openapi("", SIGV4, "security: [{sigv4: []}]"),
                        "sigv4", "AWS_IAM authorization"),
                Arguments.of("an unknown API Gateway extension on the operation",
                        openapi("x-amazon-apigateway-ip-allow-list: [10.0.0.0/8]", TOKEN, ""),
                        "x-amazon-apigateway-ip-allow-list", "an API Gateway extension Portico does not know"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unenforcedKinds")
    void aKindThisBuildDoesNotEnforceFailsTheLoad(String kind, String document, String scheme, String description) {
        InvalidRouteTableException refused = assertThrows(InvalidRouteTableException.class, () -> load(document, Set.of()));
        String message = refused.getMessage();
        String line = message.lines().filter(l -> l.startsWith("GET /orders: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line names GET /orders:\n" + message));
        assertTrue(line.contains(scheme) && line.contains(description), line);
        assertTrue(line.contains("portico.access-control.enforced-upstream"), line);
        assertTrue(message.lines().noneMatch(l -> l.startsWith("GET /health")), "the open route is not blamed:\n" + message);

        RouteTable table = load(document, Set.of(scheme));
        Route orders = table.match("GET", "/orders").orElseThrow().route();
        assertEquals(List.of(scheme), orders.access().upstream().stream().map(AccessRequirement::name).toList());
        assertTrue(orders.access().describe().startsWith("upstream: " + scheme + " ("), orders.access().describe());
        assertTrue(table.match("GET", "/health").orElseThrow().route().access().isOpen());
    }

    @Test
    void aResourcePolicyAppliesToEveryRoute() {
        String document = openapi("", TOKEN, """
                x-amazon-apigateway-policy:
                  Version: "2012-10-17"
                  Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*"}]
                """);
        String message = assertThrows(InvalidRouteTableException.class, () -> load(document, Set.of())).getMessage();
        for (String route : List.of("GET /orders", "GET /health")) {
            assertTrue(message.lines().anyMatch(line -> line.startsWith(route + ": x-amazon-apigateway-policy is a resource policy")),
                    message);
        }
        assertTrue(load(document, Set.of("x-amazon-apigateway-policy")).routes().stream()
                .allMatch(route -> route.access().upstream().get(0).kind() == AccessKind.RESOURCE_POLICY));
    }

    @Test
    void aPrivateEndpointIsAccessControlButADisabledDefaultEndpointIsNot() {
        String privateApi = openapi("", TOKEN, "x-amazon-apigateway-endpoint-configuration: {vpcEndpointIds: [vpce-0123]}");
        String message = assertThrows(InvalidRouteTableException.class, () -> load(privateApi, Set.of())).getMessage();
        assertTrue(message.contains("GET /health: x-amazon-apigateway-endpoint-configuration is a private endpoint"), message);

        String regional = openapi("", TOKEN, "x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}");
        assertTrue(load(regional, Set.of()).routes().stream().allMatch(route -> route.access().isOpen()));
    }

    @Test
    void swagger2SecurityDefinitionsCountToo() {
        String document = """
                swagger: "2.0"
                info: {title: keys-api, version: "1"}
                paths:
                  /pets:
                    get:
                      security: [{api_key: []}]
                      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
                securityDefinitions:
                  api_key: {type: apiKey, name: x-api-key, in: header}
                """;
        Route pets = load(document, Set.of()).match("GET", "/pets").orElseThrow().route();
        assertEquals(ApiKeySource.HEADER, pets.access().apiKey(), "an API key is enforced by Portico");
        assertEquals("api key: header", pets.access().describe());
    }

    @Test
    void theApiKeySourceIsTheDocumentsAndAuthorizerNeedsAnAuthorizer() {
        String keyed = openapi("security: [{TokenAuth: [], api_key: []}]", TOKEN + """
                api_key: {type: apiKey, name: x-api-key, in: header}
                """, "x-amazon-apigateway-api-key-source: AUTHORIZER");
        Route orders = load(keyed, Set.of()).match("GET", "/orders").orElseThrow().route();
        assertEquals(ApiKeySource.AUTHORIZER, orders.access().apiKey());
        assertEquals("TokenAuth", orders.access().authorizer().name());

        String alone = openapi("security: [{api_key: []}]", TOKEN + """
                api_key: {type: apiKey, name: x-api-key, in: header}
                """, "x-amazon-apigateway-api-key-source: AUTHORIZER");
        String message = assertThrows(InvalidRouteTableException.class, () -> load(alone, Set.of())).getMessage();
        assertTrue(message.contains("GET /orders: requires an API key from the authorizer"), message);

        String bad = openapi("security: [{api_key: []}]", TOKEN + """
                api_key: {type: apiKey, name: x-api-key, in: header}
                """, "x-amazon-apigateway-api-key-source: QUERY");
        message = assertThrows(InvalidRouteTableException.class, () -> load(bad, Set.of())).getMessage();
        assertTrue(message.contains("GET /orders: x-amazon-apigateway-api-key-source is 'QUERY'"), message);
        assertTrue(load(bad, Set.of("api_key")).match("GET", "/orders").orElseThrow().route().access()
                .apiKey() == null, "named upstream, the key is left to what is in front");
    }

    @Test
    void anUndefinedSchemeIsAnErrorEvenWhenNamedUpstream() {
        String document = openapi("security: [{Missing: []}]", TOKEN, "");
        String message = assertThrows(InvalidRouteTableException.class, () -> load(document, Set.of("Missing"))).getMessage();
        assertTrue(message.contains("GET /orders: security names scheme 'Missing', which components.securitySchemes does not define"),
                message);
    }

    @Test
    void openRoutesAndExtensionsThatChangeNoAnswerLoad() {
        String document = openapi("""
                x-amazon-apigateway-auth: {type: none}
                x-amazon-apigateway-documentation: {description: open}
                """, TOKEN, """
                x-amazon-apigateway-api-key-source: HEADER
                x-amazon-apigateway-importexport-version: "1.0"
                x-amazon-apigateway-minimum-compression-size: 1024
                """);
        RouteTable table = load(document, Set.of());
        assertTrue(table.routes().stream().allMatch(route -> route.access().isOpen()));
        assertEquals("none", table.routes().get(0).access().describe());
    }

    @Test
    void anUnknownAuthTypeIsAnError() {
        String document = openapi("x-amazon-apigateway-auth: {type: JWT}", TOKEN, "");
        String message = assertThrows(InvalidRouteTableException.class, () -> load(document, Set.of())).getMessage();
        assertTrue(message.contains("GET /orders: x-amazon-apigateway-auth type 'JWT' is neither NONE nor AWS_IAM"), message);
    }

    @Test
    void everySchemeOfAnOperationMustBeUpstream() {
        String document = openapi("security: [{TokenAuth: [], sigv4: []}]", TOKEN + SIGV4, "");
        String message = assertThrows(InvalidRouteTableException.class, () -> load(document, Set.of("TokenAuth"))).getMessage();
        assertTrue(message.contains("GET /orders: security scheme 'sigv4'"), message);
        assertTrue(!message.contains("'TokenAuth'"), message);
        assertEquals(2, load(document, Set.of("TokenAuth", "sigv4")).match("GET", "/orders").orElseThrow()
                .route().access().upstream().size());
    }

    private static RouteTable load(String document, Set<String> upstream) {
        return new RouteTableLoader(TestTemplates.COMPILER, upstream)
                .load("protected.yaml", document.getBytes(StandardCharsets.UTF_8));
    }
}
