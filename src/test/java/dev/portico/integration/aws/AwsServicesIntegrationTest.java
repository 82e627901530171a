package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integration;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.IntegrationType;
import dev.portico.route.openapi.RouteTables;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * AWS routes of each protocol against local services: SQS (query protocol, ElasticMQ), DynamoDB and Kinesis
 * (JSON protocol with X-Amz-Target, dynalite and kinesalite) and S3 (REST, path style, s3rver). Each route
 * writes; the test reads back through the service's own API with the AWS SDK.
 */
class AwsServicesIntegrationTest {
    private static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** s3rver checks signatures against these; the other emulators accept any. */
    private static final StaticCredentialsProvider LOCAL =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));

    private static LocalServices services;
    private static Portico portico;
    private static SqsClient sqs;
    private static DynamoDbClient dynamodb;
    private static KinesisClient kinesis;
    private static S3Client s3;
    private static String queueUrl;

    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: aws-services, version: '1'}
            paths:
              /sqs:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/portico-queue
                    credentials: arn:aws:iam::123456789012:role/apigateway-sqs
                    requestParameters: {integration.request.header.Content-Type: "'application/x-www-form-urlencoded'"}
                    requestTemplates: {application/json: 'Action=SendMessage&MessageBody=$input.body'}
                    passthroughBehavior: never
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates: {application/json: '{"message": "great success!"}'}
              /sqs-action:
                get:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: GET
                    uri: arn:aws:apigateway:us-east-1:sqs:action/SendMessage
                    requestParameters:
                      integration.request.querystring.QueueUrl: stageVariables.queueUrl
                      integration.request.querystring.MessageBody: method.request.querystring.text
                    responses:
                      default: {statusCode: '200'}
              /items:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem
                    requestTemplates:
                      application/json: '{"TableName": "items", "Item": {"id": {"S": "$input.path(''$.id'')"}, "name": {"S": "$input.path(''$.name'')"}}}'
                    responses:
                      default: {statusCode: '200'}
                      '4\\d{2}': {statusCode: '400'}
              /events:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:kinesis:action/PutRecord
                    requestTemplates:
                      application/json: '{"StreamName": "events", "PartitionKey": "p1", "Data": "$util.base64Encode($input.body)"}'
                    responses:
                      default: {statusCode: '200'}
              /files/{key}:
                put:
                  parameters: [{name: key, in: path, required: true, schema: {type: string}}]
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: PUT
                    uri: arn:aws:apigateway:us-east-1:s3:path/portico-bucket/{key}
                    requestParameters:
                      integration.request.path.key: method.request.path.key
                      integration.request.header.Content-Type: method.request.header.Content-Type
                    responses:
                      default: {statusCode: '200'}
            """;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.cborEnabled", "false");
        services = new LocalServices();
        Map<String, String> endpoints = Map.of("sqs", services.sqs(ACCOUNT), "dynamodb", services.dynamodb(),
                "kinesis", services.kinesis(), "s3", services.s3());

        sqs = client(SqsClient.builder(), endpoints.get("sqs"));
        queueUrl = sqs.createQueue(r -> r.queueName("portico-queue")).queueUrl();
        dynamodb = client(DynamoDbClient.builder(), endpoints.get("dynamodb"));
        dynamodb.createTable(r -> r.tableName("items")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)));
        kinesis = client(KinesisClient.builder(), endpoints.get("kinesis"));
        kinesis.createStream(r -> r.streamName("events").shardCount(1));
        s3 = client(S3Client.builder().forcePathStyle(true), endpoints.get("s3"));
        s3.createBucket(r -> r.bucket("portico-bucket"));
        waitUntilActive();

        PorticoSettings settings = PorticoSettings.defaults().withStageVariables(Map.of("queueUrl", queueUrl))
                .withAwsEndpointOverrides(endpoints);
        AwsEndpoints awsEndpoints = new AwsEndpoints(endpoints);
        CredentialsCache credentials = new CredentialsCache("us-east-1", awsEndpoints, LOCAL,
                Map.of("PORTICO_AWS_TEST_ACCESS_KEY_ID", "S3RVER", "PORTICO_AWS_TEST_SECRET_ACCESS_KEY", "S3RVER")::get);
        AwsBackend backend = new AwsBackend(awsEndpoints, credentials, new SigningHttpClient());
        Map<IntegrationType, Integration> integrations =
                Map.of(IntegrationType.AWS, new AwsIntegration(backend, new LambdaInvoker(backend)));
        var table = RouteTables.loader().load("aws-services-test", ROUTES.getBytes(StandardCharsets.UTF_8));
        portico = new Portico(() -> table, integrations, settings);
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).credentialsProvider(LOCAL)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void waitUntilActive() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (kinesis.describeStream(r -> r.streamName("events")).streamDescription().streamStatusAsString().equals("ACTIVE")) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) services.close();
    }

    private static OutgoingResponse call(Requests request) {
        return portico.respond(request.build());
    }

    private static String text(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static List<Message> receive() {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    @Test
    void sqsSendMessageWithAnEmptyBodySendsEmptyJson() throws Exception {
        receive().forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        OutgoingResponse response = call(Requests.of("POST", "/sqs"));
        assertEquals(200, response.status(), () -> text(response));
        assertEquals("great success!", JSON.readTree(response.body()).get("message").asText());

        List<Message> messages = receive();
        assertEquals(1, messages.size());
        assertEquals("{}", messages.get(0).body());
        assertEquals("99914b932bd37a50b983c5e7c90ae93b", messages.get(0).md5OfBody());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
    }

    @Test
    void sqsActionWithQueryParameters() {
        OutgoingResponse response = call(Requests.of("GET", "/sqs-action").query("text", "hello & goodbye"));
        assertEquals(200, response.status(), () -> text(response));
        List<Message> messages = receive();
        assertEquals(List.of("hello & goodbye"), messages.stream().map(Message::body).toList());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
    }

    @Test
    void dynamodbPutItem() {
        OutgoingResponse response = call(Requests.of("POST", "/items").header("Content-Type", "application/json")
                .body("{\"id\": \"42\", \"name\": \"Ada\"}"));
        assertEquals(200, response.status(), () -> text(response));
        Map<String, AttributeValue> item = dynamodb.getItem(r -> r.tableName("items")
                .key(Map.of("id", AttributeValue.fromS("42")))).item();
        assertEquals("Ada", item.get("name").s());
    }

    @Test
    void dynamodbErrorsGoThroughTheIntegrationResponses() {
        OutgoingResponse response = call(Requests.of("POST", "/items").header("Content-Type", "application/json")
                .body("{\"id\": \"\", \"name\": \"no key\"}"));
        assertEquals(400, response.status(), () -> text(response));
    }

    @Test
    void kinesisPutRecord() {
        OutgoingResponse response = call(Requests.of("POST", "/events").header("Content-Type", "application/json")
                .body("{\"event\": \"signed up\"}"));
        assertEquals(200, response.status(), () -> text(response));
        String shard = kinesis.listShards(r -> r.streamName("events")).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(r -> r.streamName("events").shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
        assertEquals(List.of("{\"event\": \"signed up\"}"), records.stream().map(r -> r.data().asUtf8String()).toList());
    }

    @Test
    void s3PutObjectPathStyle() {
        OutgoingResponse response = call(Requests.of("PUT", "/files/notes.txt").header("Content-Type", "text/plain")
                .body("written through Portico"));
        assertEquals(200, response.status(), () -> text(response));
        String stored = s3.getObject(r -> r.bucket("portico-bucket").key("notes.txt"), ResponseTransformer.toBytes())
                .asUtf8String();
        assertEquals("written through Portico", stored);
    }
}
