package dev.portico;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void albEventReachesTheBundledMockRoute() {
        given().contentType("application/json").body(albEvent("GET", "/hello", "{\"name\":\"Ada%20L\"}"))
                .when().post()
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("statusDescription", equalTo("200 OK"))
                .body("isBase64Encoded", equalTo(false))
                .body("headers.Content-Type", equalTo("application/json"))
                .body("headers.Cache-Control", equalTo("no-store"))
                .body("$", not(hasKey("multiValueHeaders")))
                .body("body", equalTo("{\"message\": \"Hello, Ada L!\", \"stage\": \"prod\", \"path\": \"/hello\"}"));
    }

    @Test
    void unknownRouteIsMissingAuthenticationToken() {
        given().contentType("application/json").body(albEvent("GET", "/nowhere", "{}"))
                .when().post()
                .then().statusCode(200)
                .body("statusCode", equalTo(403))
                .body("statusDescription", equalTo("403 Forbidden"))
                .body("headers.x-amzn-ErrorType", equalTo("MissingAuthenticationTokenException"))
                .body("headers.Access-Control-Allow-Origin", equalTo("*"))
                .body("body", equalTo("{\"message\":\"Missing Authentication Token\"}"));
    }

    @Test
    void notAnHttpEventIsABadRequestNotACrash() {
        given().contentType("application/json").body("{\"Records\":[]}")
                .when().post()
                .then().statusCode(200)
                .body("statusCode", equalTo(400));
    }
}
