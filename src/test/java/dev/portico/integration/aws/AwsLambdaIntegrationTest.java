package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AWS (non-proxy) Lambda routes: templates, selection by errorMessage, response overrides, faults. */
class AwsLambdaIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalLambda lambda;
    private static Portico portico;

    private static final String ROUTES = """
            openapi: 3.0.1
            info: {title: aws-lambda, version: '1'}
            paths:
              /select/{statusCode}:
                get:
                  parameters: [{name: statusCode, in: path, required: true, schema: {type: string}}]
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: '%1$sfn/invocations'
                    requestTemplates: {application/json: '{"statusCode": "$input.params(''statusCode'')"}'}
                    responses:
                      default: {statusCode: '200'}
                      '.*four hundred.*': {statusCode: '405'}
                      '.+': {statusCode: '502'}
                      '200': {statusCode: '504'}
              /override:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: '%1$sfn/invocations'
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates:
                          application/json: |
                            #set($inputRoot = $input.path('$'))
                            $input.json("$")
                            #if($inputRoot.toString().contains("customerror"))
                                #set($context.responseOverride.status = 400)
                            #else
                                #set($context.responseOverride.status = 202)
                            #end
              /slow:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: '%1$sslow/invocations'
                    responses:
                      default: {statusCode: '200'}
                      '.*timed out.*': {statusCode: '503'}
              /timeout:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    timeoutInMillis: 300
                    uri: '%1$sslow/invocations'
                    responses:
                      default: {statusCode: '200'}
            """.formatted(AwsProxyIntegrationTest.FUNCTIONS);

    @BeforeAll
    static void start() throws Exception {
        lambda = LocalLambda.start();
        PorticoSettings settings = PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("lambda", lambda.endpoint()));
        portico = Portico.create(RouteTables.loader().load("aws-lambda-test", ROUTES.getBytes(StandardCharsets.UTF_8)), settings);
    }

    @AfterAll
    static void stop() {
        if (lambda != null) lambda.close();
    }

    private static OutgoingResponse call(Requests request) {
        return portico.respond(request.build());
    }

    private static JsonNode json(OutgoingResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void successSelectsTheDefaultResponseNeverTheStatusPattern() throws Exception {
        OutgoingResponse response = call(Requests.of("GET", "/select/200"));
        assertEquals(200, response.status());
        assertEquals("Pass", json(response).asText());
    }

    @Test
    void functionErrorsSelectByErrorMessage() throws Exception {
        OutgoingResponse fourHundred = call(Requests.of("GET", "/select/400"));
        assertEquals(405, fourHundred.status());
        assertEquals("Error: Raising four hundred from within the Lambda function", json(fourHundred).get("errorMessage").asText());
        assertTrue(json(fourHundred).has("errorType"));

        OutgoingResponse fiveHundred = call(Requests.of("GET", "/select/500"));
        assertEquals(502, fiveHundred.status());
        assertEquals("Error: Raising five hundred from within the Lambda function", json(fiveHundred).get("errorMessage").asText());
    }

    @Test
    void responseTemplateOverridesTheStatus() throws Exception {
        OutgoingResponse custom = call(Requests.of("POST", "/override").header("Content-Type", "application/json")
                .body("{\"statusCode\": 200, \"body\": \"customerror\"}"));
        assertEquals(400, custom.status());
        assertEquals("customerror", json(custom).get("body").asText());
        assertEquals(200, json(custom).get("statusCode").asInt());

        OutgoingResponse fine = call(Requests.of("POST", "/override").header("Content-Type", "application/json")
                .body("{\"statusCode\": 200, \"body\": \"noerror\"}"));
        assertEquals(202, fine.status());
    }

    @Test
    void functionTimeoutIsAnErrorMessageToSelectOn() {
        OutgoingResponse response = call(Requests.of("POST", "/slow").header("Content-Type", "application/json")
                .body("{\"sleep\": 2500}"));
        assertEquals(503, response.status(), () -> new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void integrationTimeoutIs504() throws Exception {
        OutgoingResponse response = call(Requests.of("POST", "/timeout").header("Content-Type", "application/json")
                .body("{\"sleep\": 900}"));
        assertEquals(504, response.status());
        assertEquals("Endpoint request timed out", json(response).get("message").asText());
    }
}
