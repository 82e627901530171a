package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portico policy}: the IAM policy a route table needs, on a table with every integration type. */
class PolicyCommandTest {
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static final String FN_LIVE = "arn:aws:lambda:eu-west-1:123456789012:function:pets:live";
    private static final String ROLE = "arn:aws:iam::123456789012:role/portico-sqs";

    /** One route per integration type and AWS uri shape. */
    private static final String EVERY_TYPE = """
            openapi: 3.0.1
            info: {title: every integration type, version: '1'}
            paths:
              /mock:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses: {default: {statusCode: "200"}}
              /http:
                get:
                  x-amazon-apigateway-integration:
                    type: http
                    httpMethod: GET
                    uri: https://backend.example.com/items
                    responses: {default: {statusCode: "200"}}
              /proxy/{proxy+}:
                x-amazon-apigateway-any-method:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: ANY
                    uri: https://backend.example.com/{proxy}
                    requestParameters: {integration.request.path.proxy: method.request.path.proxy}
              /orders:
                post:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/%1$s/invocations
              /pets:
                get:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/%2$s/invocations
                    responses: {default: {statusCode: "200"}}
              /events:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:sns:action/Publish
                    responses: {default: {statusCode: "200"}}
              /files/{key}:
                get:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: GET
                    uri: arn:aws:apigateway:us-east-1:s3:path/my-bucket/{key}
                    requestParameters: {integration.request.path.key: method.request.path.key}
                    responses: {default: {statusCode: "200"}}
                put:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: PUT
                    uri: arn:aws:apigateway:us-east-1:s3:path/my-bucket/{key}
                    requestParameters: {integration.request.path.key: method.request.path.key}
                    responses: {default: {statusCode: "200"}}
              /queue:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/jobs
                    credentials: %3$s
                    requestParameters: {integration.request.querystring.Action: "'SendMessage'"}
                    responses: {default: {statusCode: "200"}}
              /table:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem
                    responses: {default: {statusCode: "200"}}
              /staged:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations
            """.formatted(FN, FN_LIVE, ROLE);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("portico.stage-variables.fn");
        System.clearProperty("portico.routes.source");
        System.clearProperty("portico.routes.dynamodb.table");
    }

    @Test
    void everyAwsRouteGetsWhatItCallsAndNothingElse() throws Exception {
        System.setProperty("portico.stage-variables.fn", "staged");
        Result result = run("--routes", write(EVERY_TYPE).toString());
        assertEquals(0, result.status(), result.err());

        Map<String, List<String>> grants = grants(result.out());
        Map<String, List<String>> expected = new TreeMap<>(Map.of(
                "lambda:InvokeFunction", List.of("arn:aws:lambda:eu-west-1:123456789012:function:pets:live",
                        "arn:aws:lambda:us-east-1:123456789012:function:orders",
                        "arn:aws:lambda:us-east-1:123456789012:function:staged"),
                "sns:Publish", List.of("*"),
                "dynamodb:PutItem", List.of("*"),
                "s3:GetObject", List.of("arn:aws:s3:::my-bucket/*"),
                "s3:PutObject", List.of("arn:aws:s3:::my-bucket/*"),
                "sts:AssumeRole", List.of(ROLE)));
        assertEquals(expected, grants, result.out());
        // the role signs the SQS call, so SendMessage is the role's to have, not the function's
        assertTrue(result.err().contains(ROLE + " (assumed by the function; it must trust the function's execution"
                + " role) needs: sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:jobs"), result.err());
        assertEquals("2012-10-17", JSON.readTree(result.out()).path("Version").asText());
    }

    @Test
    void aStageVariableThatIsNotSetIsReportedNotGuessed() throws Exception {
        Result result = run("--routes", write(EVERY_TYPE).toString());
        assertEquals(1, result.status(), result.err());
        assertTrue(result.err().lines().anyMatch(line -> line.startsWith("# not in the policy: GET /staged")
                && line.contains("stage variable fn is not set")), result.err());
        assertTrue(grants(result.out()).get("lambda:InvokeFunction").stream().noneMatch(arn -> arn.contains("staged")
                || arn.contains("*")), result.out());
    }

    @Test
    void theDynamoDbRouteStoreIsReadable() throws Exception {
        System.setProperty("portico.routes.source", "dynamodb");
        System.setProperty("portico.routes.dynamodb.table", "portico-routes");
        Result result = run("--routes", write(EVERY_TYPE.replace("${stageVariables.fn}", "x")).toString());
        assertEquals(0, result.status(), result.err());
        Map<String, List<String>> grants = grants(result.out());
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:*:table/portico-routes"), grants.get("dynamodb:GetItem"));
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:*:table/portico-routes"), grants.get("dynamodb:Query"));
    }

    @Test
    void aPathUriWhoseActionTheRouteDoesNotNameIsReported() throws Exception {
        String table = """
                openapi: 3.0.1
                info: {title: t, version: '1'}
                paths:
                  /q:
                    post:
                      x-amazon-apigateway-integration:
                        type: aws
                        httpMethod: POST
                        uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/jobs
                        responses: {default: {statusCode: "200"}}
                """;
        Result result = run("--routes", write(table).toString());
        assertEquals(1, result.status());
        assertTrue(result.err().contains("POST /q (AWS arn:aws:apigateway:us-east-1:sqs:path/123456789012/jobs): a path uri"
                + " whose action the route does not name"), result.err());
        assertEquals(0, JSON.readTree(result.out()).path("Statement").size());
    }

    @Test
    void theExampleApiNeedsNoPermission() {
        Result result = run("--routes", "src/main/resources/routes/example-api.yaml");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("the routes need no AWS permission"), result.err());
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("routes.yaml"), content);
    }

    /** Action to resources, from the printed policy; each action has one statement. */
    private static Map<String, List<String>> grants(String policy) throws Exception {
        Map<String, List<String>> grants = new TreeMap<>();
        for (JsonNode statement : JSON.readTree(policy).path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            List<String> resources = new java.util.ArrayList<>();
            statement.path("Resource").forEach(resource -> resources.add(resource.asText()));
            grants.put(statement.path("Action").asText(), resources);
        }
        return grants;
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PolicyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
