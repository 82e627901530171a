package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The packaged target/function.zip under the Lambda runtime, serving a route file it is pointed at with
 * PORTICO_ROUTES, with AWS endpoints overridden by PORTICO_AWS_ENDPOINT_OVERRIDE_SQS / _LAMBDA and no AWS
 * credentials in its environment: one AWS_PROXY route to a function behind the Invoke API emulator and one
 * AWS route that sends to an SQS queue (ElasticMQ).
 */
class AwsRoutesIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalServices services;
    private static LocalLambda lambda;
    private static PackagedFunction portico;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void start() throws Exception {
        services = new LocalServices();
        String sqsEndpoint = services.sqs("123456789012");
        sqs = SqsClient.builder().endpointOverride(URI.create(sqsEndpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        queueUrl = sqs.createQueue(r -> r.queueName("orders")).queueUrl();
        lambda = LocalLambda.start();

        Path routes = PROJECT.resolve("target/aws-it-routes.yaml");
        Files.writeString(routes, """
                openapi: 3.0.1
                info: {title: aws-it, version: '1'}
                paths:
                  /fn/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations
                  /orders:
                    post:
                      x-amazon-apigateway-integration:
                        type: aws
                        httpMethod: POST
                        uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders
                        requestParameters: {integration.request.header.Content-Type: "'application/x-www-form-urlencoded'"}
                        requestTemplates: {application/json: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)'}
                        passthroughBehavior: never
                        responses:
                          default:
                            statusCode: '202'
                            responseTemplates: {application/json: '{"queued": true}'}
                """);
        PackagedFunction.Config config = PackagedFunction.Config.forProject(PROJECT).withEnv(Map.of(
                "PORTICO_ROUTES", routes.toString(),
                "PORTICO_AWS_ENDPOINT_OVERRIDE_SQS", sqsEndpoint,
                "PORTICO_AWS_ENDPOINT_OVERRIDE_LAMBDA", lambda.endpoint()));
        assertTrue(Files.isRegularFile(config.zip()), config.zip() + " is missing: run ./mvnw verify");
        portico = PackagedFunction.start(config);
    }

    @AfterAll
    static void stop() {
        if (portico != null) portico.close();
        if (lambda != null) lambda.close();
        if (services != null) services.close();
    }

    private static JsonNode invoke(String method, String path, String body) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        event.putObject("headers").put("Content-Type", "application/json").put("User-Agent", "it");
        event.putObject("multiValueHeaders").putArray("Content-Type").add("application/json");
        event.putNull("queryStringParameters");
        event.putNull("multiValueQueryStringParameters");
        ObjectNode context = event.putObject("requestContext");
        context.put("stage", "prod").put("requestId", "it-1").put("httpMethod", method).put("path", "/prod" + path)
                .put("requestTimeEpoch", System.currentTimeMillis()).putObject("identity").put("sourceIp", "198.51.100.7");
        if (body == null) event.putNull("body"); else event.put("body", body);
        event.put("isBase64Encoded", false);
        Result result = portico.invoke(JSON.writeValueAsBytes(event));
        assertFalse(result.isError(), result::payloadText);
        return JSON.readTree(result.payload());
    }

    @Test
    void awsProxyRouteAnswersWithTheFunctionsAnswer() throws Exception {
        JsonNode answer = invoke("GET", "/fn/hello", null);
        assertEquals(201, answer.get("statusCode").asInt(), answer::toString);
        assertEquals("hello from /fn/hello", answer.get("body").asText());
        assertEquals("yes", answer.at("/headers/X-Test").asText());
        assertEquals("[\"a=1\",\"b=2\"]", answer.at("/multiValueHeaders/Set-Cookie").toString());
    }

    @Test
    void awsRouteSendsToSqs() throws Exception {
        JsonNode answer = invoke("POST", "/orders", "{\"order\": 7}");
        assertEquals(202, answer.get("statusCode").asInt(), answer::toString);
        assertEquals("{\"queued\": true}", answer.get("body").asText());
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
        assertEquals(List.of("{\"order\": 7}"), messages.stream().map(Message::body).toList());
    }
}
