package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the packaged function.zip under the Lambda runtime, for every caller format: a route behind a Lambda
 * TOKEN authorizer (the test authorizer function, itself under the runtime behind the Invoke API) answers 401
 * without a token, 403 on a deny, 500 when the authorizer fails, and the integration's answer, with the principal,
 * on an allow; the open route needs nothing; the log names the enforced authorizer and never the tokens.
 */
class PackagedAuthorizerIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: authorized-orders, version: "1"}
            paths:
              /orders:
                get:
                  security: [{TokenAuth: []}]
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: "200"
                        responseTemplates:
                          application/json: '{"principal": "$context.authorizer.principalId"}'
              /health:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses: {default: {statusCode: "200"}}
            components:
              securitySchemes:
                TokenAuth:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: custom
                  x-amazon-apigateway-authorizer:
                    type: token
                    authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations
                    authorizerResultTtlInSeconds: 300
            """;

    @Test
    void everyCallerGetsTheAuthorizersVerdict() throws Exception {
        Path routes = Files.createTempFile("portico-authorizer", ".yaml");
        Files.writeString(routes, ROUTES);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (LocalLambda lambda = LocalLambda.start();
             PackagedFunction function = PackagedFunction.start(PackagedFunction.Config.forProject(PROJECT)
                     .withEnv(Map.of("PORTICO_ROUTES", routes.toString(),
                             "portico.aws.endpoint-override.lambda", lambda.endpoint(),
                             "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"))
                     .withLogs(logs))) {
            for (EventFormat format : EventFormat.values()) {
                Answer missing = invoke(function, format, "/orders", null);
                assertEquals(401, missing.status(), format + ": " + missing.bodyText());
                assertEquals("{\"message\":\"Unauthorized\"}", missing.bodyText(), format.label());

                Answer denied = invoke(function, format, "/orders", "deny#secret-" + format.label());
                assertEquals(403, denied.status(), format + ": " + denied.bodyText());
                assertEquals("{\"message\":\"User is not authorized to access this resource with an explicit deny\"}",
                        denied.bodyText());

                Answer failed = invoke(function, format, "/orders", "throw#secret-" + format.label());
                assertEquals(500, failed.status(), format + ": " + failed.bodyText());
                assertEquals("{\"message\":null}", failed.bodyText());

                Answer allowed = invoke(function, format, "/orders", "allow#secret-" + format.label());
                assertEquals(200, allowed.status(), format + ": " + allowed.bodyText());
                assertEquals("user-allow", JSON.readTree(allowed.body()).path("principal").asText(), format.label());

                assertEquals(200, invoke(function, format, "/health", null).status(), format.label());
            }
        } finally {
            Files.deleteIfExists(routes);
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /orders: authorizer TokenAuth (a Lambda TOKEN authorizer), enforced by Portico"),
                log);
        assertTrue(log.contains("UNAUTHORIZED") && log.contains("ACCESS_DENIED")
                && log.contains("AUTHORIZER_CONFIGURATION_ERROR"), log);
        assertFalse(log.contains("secret-"), "no token reaches the log:\n" + log);
    }

    private static Answer invoke(PackagedFunction function, EventFormat format, String path, String token)
            throws Exception {
        HeaderList headers = new HeaderList().add("Host", "api.example.com").add("Accept", "application/json");
        if (token != null) {
            headers.add("Authorization", token);
        }
        ClientRequest request = new ClientRequest("GET", path, "", headers, null, "198.51.100.7");
        Result result = function.invoke(CallerEvents.build(format, request, "prod", "req-" + format.label()));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }
}
