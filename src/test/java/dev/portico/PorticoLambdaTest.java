package dev.portico;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The function as Quarkus runs it, through the Lambda mock event server: an event goes in as the body of a
 * POST, the function's answer comes back as the response body.
 */
@QuarkusTest
class PorticoLambdaTest {

    private static String albEvent(String method, String path, String query) {
        return """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"%s","path":"%s","queryStringParameters":%s,
                 "headers":{"accept":"application/json","host":"portico.example","user-agent":"curl/8.5.0",
                            "x-forwarded-for":"198.51.100.7","x-forwarded-port":"443","x-forwarded-proto":"https"},
                 "body":"","isBase64Encoded":false}
                """.formatted(method, path, query);
    }

    /** Sends an event through the mock event server; the server labels the answer with no JSON type, so parse it here. */
    private static JsonPath invoke(String event) {
        String answer = given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .extract().asString();
        return JsonPath.from(answer);
    }

    @Test
    void albEventReachesTheBundledMockRoute() {
        JsonPath answer = invoke(albEvent("GET", "/hello", "{\"name\":\"Ada%20L\"}"));

        assertEquals(200, answer.getInt("statusCode"));
        assertEquals("200 OK", answer.getString("statusDescription"));
        assertEquals(false, answer.getBoolean("isBase64Encoded"));
        assertEquals("application/json", answer.getString("headers.Content-Type"));
        assertEquals("no-store", answer.getString("headers.Cache-Control"));
        assertFalse(answer.getMap("$").containsKey("multiValueHeaders"));
        assertEquals("{\"message\": \"Hello, Ada L!\", \"stage\": \"prod\", \"path\": \"/hello\"}",
                answer.getString("body"));
    }

    @Test
    void unknownRouteIsMissingAuthenticationToken() {
        JsonPath answer = invoke(albEvent("GET", "/nowhere", "{}"));

        assertEquals(403, answer.getInt("statusCode"));
        assertEquals("403 Forbidden", answer.getString("statusDescription"));
        assertEquals("MissingAuthenticationTokenException", answer.getString("headers.x-amzn-ErrorType"));
        assertEquals("*", answer.getString("headers.Access-Control-Allow-Origin"));
        assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.getString("body"));
    }

    @Test
    void notAnHttpEventIsABadRequestNotACrash() {
        JsonPath answer = invoke("{\"Records\":[]}");

        assertEquals(400, answer.getInt("statusCode"));
        assertEquals("BadRequestException", answer.getString("headers.x-amzn-ErrorType"));
    }
}
