package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS_PROXY routes in front of a real function under the Lambda Java runtime, through the Invoke API. */
class AwsProxyIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTIONS = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:";

    private static LocalLambda lambda;
    private static Portico portico;

    static String routes() {
        return """
                openapi: 3.0.1
                info: {title: aws-proxy, version: '1'}
                x-amazon-apigateway-binary-media-types: [image/png]
                paths:
                  /{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sfn/invocations'}
                  /v2/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sfn/invocations', payloadFormatVersion: '2.0'}
                  /alias/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$s${stageVariables.fn}:live/invocations'}
                  /slow/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sslow/invocations'}
                  /timeout/{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sslow/invocations', timeoutInMillis: 300}
                  /throttled:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$sthrottled/invocations'}
                  /missing:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%1$snope/invocations'}
                  /get-method:
                    get:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: GET, uri: '%1$sfn/invocations'}
                  /forbidden-header:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: '%1$sfn/invocations'
                        requestParameters: {integration.request.header.Authorization: "'x'"}
                """.formatted(FUNCTIONS);
    }

    @BeforeAll
    static void start() throws Exception {
        lambda = LocalLambda.start();
        PorticoSettings settings = PorticoSettings.defaults()
                .withStageVariables(Map.of("fn", "fn"))
                .withAwsEndpointOverrides(Map.of("lambda", lambda.endpoint()));
        portico = Portico.create(RouteTables.loader().load("aws-proxy-test", routes().getBytes(StandardCharsets.UTF_8)),
                settings);
    }

    @AfterAll
    static void stop() {
        if (lambda != null) lambda.close();
    }

    private static OutgoingResponse call(Requests request) {
        return portico.respond(request.build());
    }

    private static String text(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static OutgoingResponse answer(String functionAnswer) {
        return call(Requests.of("GET", "/answer").query("answer", functionAnswer));
    }

    private static void assertInternalServerError(int status, OutgoingResponse response) {
        assertEquals(status, response.status(), () -> text(response));
        assertEquals("Internal server error", parse(text(response)).path("message").asText(), text(response));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void goodAnswerBecomesTheResponse() {
        OutgoingResponse response = call(Requests.of("GET", "/hello"));
        assertEquals(201, response.status());
        assertEquals("hello from /hello", text(response));
        assertEquals("yes", response.headers().last("X-Test"));
        assertEquals(List.of("a=1", "b=2"), response.headers().all("Set-Cookie"));
        assertEquals("application/json", response.headers().last("Content-Type"));
        assertFalse(response.binary());
    }

    @Test
    void restEventCarriesTheRequestAsApiGatewaySendsIt() {
        OutgoingResponse response = call(Requests.of("POST", "/some/echo")
                .query("category", "electronics").query("category", "books").query("plus", "test alias@gmail.com")
                .header("Content-Type", "application/json;charset=utf-8").header("X-Multi", "1").header("X-Multi", "2")
                .body("{\"message\": \"hello world\"}"));
        assertEquals(200, response.status(), () -> text(response));
        JsonNode event = parse(text(response));
        assertEquals("/{proxy+}", event.get("resource").asText());
        assertEquals("/some/echo", event.get("path").asText());
        assertEquals("POST", event.get("httpMethod").asText());
        assertEquals("2", event.at("/headers/X-Multi").asText());
        assertEquals("[\"1\",\"2\"]", event.at("/multiValueHeaders/X-Multi").toString());
        assertEquals("books", event.at("/queryStringParameters/category").asText());
        assertEquals("test alias@gmail.com", event.at("/queryStringParameters/plus").asText());
        assertEquals("[\"electronics\",\"books\"]", event.at("/multiValueQueryStringParameters/category").toString());
        assertEquals("some/echo", event.at("/pathParameters/proxy").asText());
        assertEquals("fn", event.at("/stageVariables/fn").asText());
        assertEquals("/prod/some/echo", event.at("/requestContext/path").asText());
        assertEquals("/{proxy+}", event.at("/requestContext/resourcePath").asText());
        assertEquals("prod", event.at("/requestContext/stage").asText());
        assertEquals("POST", event.at("/requestContext/httpMethod").asText());
        assertEquals("127.0.0.1", event.at("/requestContext/identity/sourceIp").asText());
        assertTrue(event.at("/requestContext/identity/user").isNull());
        assertEquals("{\"message\": \"hello world\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void emptyPartsOfTheRestEventAreNull() {
        JsonNode event = parse(text(call(Requests.of("GET", "/echo"))));
        assertTrue(event.get("queryStringParameters").isNull());
        assertTrue(event.get("multiValueQueryStringParameters").isNull());
        assertTrue(event.get("headers").isNull());
        assertTrue(event.get("body").isNull());
    }

    @Test
    void payloadVersion2EventAndAnswer() {
        OutgoingResponse response = call(Requests.of("GET", "/v2/echo").query("a", "1").query("a", "2")
                .header("Cookie", "c1=v1; c2=v2"));
        JsonNode event = parse(text(response));
        assertEquals("2.0", event.get("version").asText());
        assertEquals("ANY /v2/{proxy+}", event.get("routeKey").asText());
        assertEquals("/v2/echo", event.get("rawPath").asText());
        assertEquals("1,2", event.at("/queryStringParameters/a").asText());
        assertEquals("[\"c1=v1\",\"c2=v2\"]", event.get("cookies").toString());
        assertEquals("GET", event.at("/requestContext/http/method").asText());
        assertFalse(event.has("body"));

        OutgoingResponse bare = call(Requests.of("GET", "/v2/x").query("answer", "\"just text\""));
        assertEquals(200, bare.status());
        assertEquals("just text", text(bare));
    }

    @Test
    void stageVariableAndAliasInTheUri() {
        assertEquals("hello from /alias/x", text(call(Requests.of("GET", "/alias/x"))));
    }

    @Test
    void binaryAnswerIsDecodedOnlyWhenAcceptIsABinaryMediaType() {
        OutgoingResponse binary = call(Requests.of("GET", "/binary").header("Accept", "image/png,*/*;q=0.8"));
        assertTrue(binary.binary());
        assertArrayEquals(Base64.getDecoder().decode(TestFunction.PNG_BASE64), binary.body());
        assertEquals("image/png", binary.headers().last("Content-Type"));

        OutgoingResponse text = call(Requests.of("GET", "/binary").header("Accept", "image/webp,image/png"));
        assertFalse(text.binary());
        assertEquals(TestFunction.PNG_BASE64, text(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"statusCode\":200,\"wrongValue\":\"value\"}",
            "{\"statusCode\":\"test\"}",
            "{\"statusCode\":200.5}",
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi-invalid\":\"value1\"}}",
            "{\"statusCode\":200,\"headers\":{\"x\":{\"nested\":1}}}",
            "{\"statusCode\":200,\"body\":{\"not\":\"a string\"}}",
            "\"justAString\"",
            "[1,2]",
            "not json at all",
    })
    void malformedAnswersAre502(String functionAnswer) {
        assertInternalServerError(502, answer(functionAnswer));
    }

    @Test
    void lenientAnswersAreAccepted() {
        assertEquals(201, answer("{\"statusCode\":\"201\"}").status());
        OutgoingResponse empty = answer("{}");
        assertEquals(200, empty.status());
        assertEquals("", text(empty));
        assertEquals("application/json", empty.headers().last("Content-Type"));
        assertEquals("true", answer("{\"statusCode\":200,\"headers\":{\"header-bool\":true}}").headers().last("header-bool"));
        assertEquals(200, answer("{\"statusCode\":200,\"headers\":null}").status());

        OutgoingResponse merged = answer("{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\"}}");
        assertEquals(List.of("value-multi", "value-solo"), merged.headers().all("test-multi"));
        assertEquals("tesT-Multi", merged.headers().nameOf("test-multi"));

        OutgoingResponse notDecoded = answer("{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true}");
        assertEquals("dGVzdC1kYXRh", text(notDecoded));
    }

    @Test
    void functionErrorIs502() {
        assertInternalServerError(502, call(Requests.of("GET", "/throw")));
    }

    @Test
    void functionTimeoutIsAFunctionError() {
        assertInternalServerError(502, call(Requests.of("GET", "/slow/sleep/2500")));
    }

    @Test
    void integrationTimeoutIs504() {
        long start = System.nanoTime();
        OutgoingResponse response = call(Requests.of("GET", "/timeout/sleep/900"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, response.status(), () -> text(response));
        assertEquals("Endpoint request timed out", parse(text(response)).path("message").asText());
        assertTrue(millis < 850, "answered after " + millis + " ms");
    }

    @Test
    void lambdaRefusalsAre500() {
        assertInternalServerError(500, call(Requests.of("GET", "/throttled")));
        assertInternalServerError(500, call(Requests.of("GET", "/missing")));
    }

    @Test
    void configurationErrorsAre500WithoutCallingTheFunction() {
        assertInternalServerError(500, call(Requests.of("GET", "/get-method")));
        assertInternalServerError(500, call(Requests.of("GET", "/forbidden-header")));
    }
}
