package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS variables for OpenAPI import
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html) through the
 * packaged function.zip: resolved once, when the table loads, from the region Lambda sets and
 * {@code PORTICO_ACCOUNT_ID}; never in what a request brings.
 */
class PackagedImportVariablesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static PackagedFunction function;

    @BeforeAll
    static void start() throws IOException {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                openapi: 3.0.1
                info: {title: packaged-import-variables, version: "1"}
                paths:
                  /whereami:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates:
                          application/json: '{"statusCode": 200}'
                        responses:
                          default:
                            statusCode: "200"
                            responseTemplates:
                              application/json: '{"arn": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:whereami", "probe": "$input.params(''x-probe'')"}'
                """);
        function = PackagedFunction.start(PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withEnv(Map.of("PORTICO_ROUTES", routes.toString(), "AWS_REGION", "cn-northwest-1",
                        "PORTICO_ACCOUNT_ID", "444455556666")));
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
    }

    @Test
    void resolvedAtLoadFromTheFunctionsRegionAndAccountButNotInTheRequest() throws IOException {
        String event = """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"GET","path":"/whereami","multiValueQueryStringParameters":{},
                 "multiValueHeaders":{"accept":["application/json"],"x-probe":["${AWS::Region}"]},
                 "body":"","isBase64Encoded":false}
                """;
        Result result = function.invoke(event.getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isError(), result::payloadText);
        JsonNode answer = JSON.readTree(result.payload());

        assertEquals(200, answer.get("statusCode").asInt(), answer::toString);
        assertEquals("{\"arn\": \"arn:aws-cn:execute-api:cn-northwest-1:444455556666:whereami\", "
                + "\"probe\": \"${AWS::Region}\"}", answer.get("body").asText());
    }
}
