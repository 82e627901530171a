package dev.portico.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The format language and the presets of "Access logging for REST APIs" (API Gateway developer guide,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html, "Access log formats").
 */
class AccessLogFormatTest {
    /** The page's examples, as the page prints them. */
    static final Map<String, String> AWS_EXAMPLES = Map.of(
            "CLF", "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]\"$context.httpMethod $context.resourcePath $context.protocol\" $context.status $context.responseLength $context.requestId $context.extendedRequestId",
            "JSON", "{ \"requestId\":\"$context.requestId\", \"extendedRequestId\":\"$context.extendedRequestId\",\"ip\": \"$context.identity.sourceIp\", \"caller\":\"$context.identity.caller\", \"user\":\"$context.identity.user\", \"requestTime\":\"$context.requestTime\", \"httpMethod\":\"$context.httpMethod\", \"resourcePath\":\"$context.resourcePath\", \"status\":\"$context.status\", \"protocol\":\"$context.protocol\", \"responseLength\":\"$context.responseLength\" }",
            "XML", "<request id=\"$context.requestId\"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>",
            "CSV", "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId");

    @Test
    void presetsAreAwsExamplesByName() {
        for (var example : AWS_EXAMPLES.entrySet()) {
            assertEquals(example.getValue(), AccessLogFormat.compile(example.getKey()).source(), example.getKey());
            assertEquals(example.getValue(), AccessLogFormat.compile(example.getKey().toLowerCase()).source());
            // the example written out compiles to the same format
            assertEquals(AccessLogFormat.compile(example.getKey()).variables(),
                    AccessLogFormat.compile(example.getValue()).variables());
        }
    }

    @Test
    void substitutesVariablesAndWritesDashForNone() {
        AccessLogFormat format = AccessLogFormat.compile("$context.requestId [$context.requestTime] "
                + "$context.identity.caller $context.status.");
        assertEquals(List.of("requestId", "requestTime", "identity.caller", "status"), format.variables());
        String line = format.render(name -> switch (name) {
            case "requestId" -> "id-1";
            case "requestTime" -> "01/Dec/2026:10:00:00 +0000";
            case "status" -> "200";
            default -> "";
        });
        assertEquals("id-1 [01/Dec/2026:10:00:00 +0000] - 200.", line);
    }

    @Test
    void anUnknownVariableFailsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessLogFormat.compile("$context.requestId $context.statu $context.identity.sourceIP"));
        assertTrue(e.getMessage().contains("$context.statu, $context.identity.sourceIP are not variables"),
                e.getMessage());
        assertTrue(AccessLogFormat.compile("$context.requestId $context.authorizer.claims.sub").variables()
                .contains("authorizer.claims.sub"));
    }

    @Test
    void aFormatWithoutARequestIdFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessLogFormat.compile("$context.status"));
        assertTrue(e.getMessage().contains("$context.requestId or $context.extendedRequestId"), e.getMessage());
        AccessLogFormat.compile("$context.extendedRequestId");
        assertThrows(IllegalArgumentException.class, () -> AccessLogFormat.compile("$context.requestId\n"));
    }

    @Test
    void theMessageStringIsAJsonString() {
        AccessLogFormat format = AccessLogFormat.compile("{\"id\":\"$context.requestId\",\"message\":$context.error.messageString}");
        assertEquals("{\"id\":\"r\",\"message\":\"Say \\\"no\\\"\"}",
                format.render(name -> name.equals("requestId") ? "r" : name.equals("error.message") ? "Say \"no\"" : null));
        assertEquals("{\"id\":\"r\",\"message\":-}", format.render(name -> name.equals("requestId") ? "r" : null));
    }

    @Test
    void hostileValuesStayOnOneBoundedLine() {
        AccessLogFormat format = AccessLogFormat.compile("JSON");
        String huge = "x".repeat(100_000);
        String line = format.render(name -> name.equals("identity.user") ? "a\"b\\c\nd\re\u0000" : huge);
        assertFalse(line.contains("\n"));
        assertFalse(line.contains("\r"));
        assertTrue(line.contains("\"user\":\"a\\\"b\\\\c\\nd\\re\\u0000\""), line);
        // 10 values of at most 1,024 characters and "...", and the format's own text
        assertTrue(line.length() < 11 * (AccessLogFormat.MAX_VALUE_CHARS + 3) + 400, "length " + line.length());
        assertTrue(line.contains("x".repeat(AccessLogFormat.MAX_VALUE_CHARS) + "...\""));
    }
}
