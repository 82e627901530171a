package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.authorizer.KeyServer;
import dev.portico.integration.aws.LocalLambda;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the packaged function.zip under the Lambda runtime, for every caller format: a Cognito user pool
 * authorizer verifying tokens against a real local JWKS endpoint (valid, missing, expired, wrong scope, forged),
 * its claims in a mapping template and in the Lambda proxy event, and a route that requires the load balancer's
 * verified {@code x-amzn-oidc-data}. The log names the authorizers and never a token.
 */
class PackagedJwtAuthorizerIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseTemplates:
                          application/json: '{"email": "$context.authorizer.claims.email"}'
            """;
    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: jwt-orders, version: "1"}
            paths:
              /orders:
                get:
                  security: [{Pool: [orders/read]}]
            %s
              /profile/echo:
                get:
                  security: [{Pool: []}]
                  x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations'}
              /whoami:
                get:
                  security: [{Alb: []}]
            %s
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
            """.formatted(MOCK, MOCK, KeyServer.POOL_ARN);

    @Test
    void everyCallerGetsTheTokensVerdict() throws Exception {
        Path routes = Files.createTempFile("portico-jwt", ".yaml");
        Files.writeString(routes, ROUTES);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (KeyServer keys = KeyServer.start();
             LocalLambda lambda = LocalLambda.start();
             PackagedFunction function = PackagedFunction.start(PackagedFunction.Config.forProject(PROJECT)
                     .withEnv(Map.of("PORTICO_ROUTES", routes.toString(),
                             "portico.aws.endpoint-override.lambda", lambda.endpoint(),
                             "portico.aws.endpoint-override.cognito-idp", keys.url(),
                             "portico.aws.endpoint-override.elb-public-keys", keys.albKeysUrl(),
                             "PORTICO_ALB_OIDC_SIGNERS", KeyServer.ALB_ARN,
                             "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"))
                     .withLogs(logs))) {
            for (EventFormat format : EventFormat.values()) {
                String access = keys.sign(keys.claims("access").claim("email", "jane@example.com").build());
                Answer allowed = invoke(function, format, "/orders", "Authorization", access);
                assertEquals(200, allowed.status(), format + ": " + allowed.bodyText());
                assertEquals("jane@example.com", JSON.readTree(allowed.body()).path("email").asText(), format.label());

                Answer missing = invoke(function, format, "/orders", "Authorization", null);
                assertEquals(401, missing.status(), format.label());
                assertEquals("{\"message\":\"Unauthorized\"}", missing.bodyText(), format.label());

                long past = System.currentTimeMillis() / 1000 - 30;
                Answer expired = invoke(function, format, "/orders", "Authorization",
                        keys.sign(keys.claims("access").expirationTime(new Date(past * 1000)).build()));
                assertEquals(401, expired.status(), format.label());
                assertEquals("{\"message\":\"The incoming token has expired\"}", expired.bodyText(), format.label());

                Answer idToken = invoke(function, format, "/orders", "Authorization",
                        keys.sign(keys.claims("id").build()));
                assertEquals(401, idToken.status(), format + ": the scoped route wants an access token");

                Answer forged = invoke(function, format, "/orders", "Authorization",
                        keys.tampered(keys.claims("access").build(), keys.claims("access").subject("root").build()));
                assertEquals(401, forged.status(), format.label());

                Answer profile = invoke(function, format, "/profile/echo", "Authorization",
                        "Bearer " + keys.sign(keys.claims("id").build()));
                assertEquals(200, profile.status(), format + ": " + profile.bodyText());
                JsonNode claims = JSON.readTree(profile.body()).path("requestContext").path("authorizer").path("claims");
                assertEquals("jane", claims.path("cognito:username").asText(), format + ": " + profile.bodyText());

                Answer whoami = invoke(function, format, "/whoami", "x-amzn-oidc-data",
                        keys.albToken(KeyServer.ALB_ARN, keys.albClaims()));
                assertEquals(200, whoami.status(), format + ": " + whoami.bodyText());
                assertEquals("jane@example.com", JSON.readTree(whoami.body()).path("email").asText());
                assertEquals(401, invoke(function, format, "/whoami", "x-amzn-oidc-data", null).status());
            }
            assertEquals(1, keys.jwksFetches.get(), "the JWKS is fetched once for every request");
        } finally {
            Files.deleteIfExists(routes);
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /orders: authorizer Pool (a Cognito user pool authorizer, scopes orders/read), "
                + "enforced by Portico"), log);
        assertTrue(log.contains("UNAUTHORIZED"), log);
        assertFalse(log.contains("eyJ"), "no token reaches the log:\n" + log);
    }

    private static Answer invoke(PackagedFunction function, EventFormat format, String path, String header,
                                 String token) throws Exception {
        HeaderList headers = new HeaderList().add("Host", "api.example.com").add("Accept", "application/json");
        if (token != null) {
            headers.add(header, token);
        }
        ClientRequest request = new ClientRequest("GET", path, "", headers, null, "198.51.100.7");
        Result result = function.invoke(CallerEvents.build(format, request, "prod", "req-" + format.label()));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }
}
