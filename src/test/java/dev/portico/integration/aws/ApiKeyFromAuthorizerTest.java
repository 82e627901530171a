package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.apikey.ApiKey;
import dev.portico.apikey.ApiKeySettings;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.ApiKeys;
import dev.portico.apikey.UsagePlan;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.Observability;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.Dynalite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code x-amazon-apigateway-api-key-source: AUTHORIZER}: the key is the {@code usageIdentifierKey} a real Lambda
 * TOKEN authorizer ({@link TestFunction}) answers, checked after the authorizer ran; an {@code x-api-key} header
 * counts for nothing then, as on API Gateway ("Choose an API key source in API Gateway").
 */
class ApiKeyFromAuthorizerTest {
    private static final String KEY = "authorizer-key-0123456789abcdef";
    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: authorizer-keys, version: "1"}
            x-amazon-apigateway-api-key-source: AUTHORIZER
            paths:
              /orders:
                get:
                  security: [{TokenAuth: [], api_key: []}]
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseTemplates:
                          application/json: '{"keyId": "$context.identity.apiKeyId", "principal": "$context.authorizer.principalId"}'
            components:
              securitySchemes:
                api_key: {type: apiKey, name: x-api-key, in: header}
                TokenAuth:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: custom
                  x-amazon-apigateway-authorizer:
                    type: token
                    authorizerUri: '%sfn/invocations'
                    authorizerResultTtlInSeconds: 300
            """.formatted(AwsProxyIntegrationTest.FUNCTIONS);

    private static LocalLambda lambda;
    private static Dynalite dynalite;
    private static Portico portico;

    @BeforeAll
    static void start() throws Exception {
        lambda = LocalLambda.start();
        dynalite = Dynalite.start();
        ApiKeyStore store = new ApiKeyStore(dynalite.client(), "keys");
        store.createTable();
        store.putPlan(new UsagePlan("p", "plan", null, null, List.of(new UsagePlan.ApiStage("portico", "prod", Map.of()))));
        store.putKey(new ApiKey("k-auth", "from the authorizer", true, Set.of("p")), KEY, Instant.now());
        PorticoSettings settings = PorticoSettings.defaults()
                .withAwsEndpointOverrides(Map.of("lambda", lambda.endpoint()));
        RouteTable table = RouteTables.loader().load("authorizer-keys", ROUTES.getBytes(StandardCharsets.UTF_8));
        portico = new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings), settings,
                Observability.off(), new ApiKeys(store, ApiKeySettings.DEFAULTS, System::currentTimeMillis));
    }

    @AfterAll
    static void stop() {
        if (lambda != null) lambda.close();
        if (dynalite != null) dynalite.close();
    }

    private static OutgoingResponse get(String token, String header) {
        Requests request = Requests.of("GET", "/orders").header("Authorization", token);
        if (header != null) request.header("x-api-key", header);
        return portico.respond(request.build());
    }

    @Test
    void theAuthorizersUsageIdentifierKeyIsTheKey() {
        OutgoingResponse admitted = get("usage:" + KEY + "#1", null);
        assertEquals(200, admitted.status(), new String(admitted.body(), StandardCharsets.UTF_8));
        assertEquals("{\"keyId\": \"k-auth\", \"principal\": \"user-usage:" + KEY + "\"}",
                new String(admitted.body(), StandardCharsets.UTF_8));
        assertEquals(200, get("usage:" + KEY + "#1", null).status(), "from the authorizer's cache too");

        OutgoingResponse noKey = get("allow#2", KEY);
        assertEquals(403, noKey.status(), "the header does not count with source AUTHORIZER");
        assertEquals("{\"message\":\"Forbidden\"}", new String(noKey.body(), StandardCharsets.UTF_8));
        assertEquals(403, get("usage:unknown-key-0123456789abcdef#3", null).status());
        assertEquals(401, get("unauthorized#4", KEY).status(), "the authorizer runs first");
    }
}
