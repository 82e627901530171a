package dev.portico.integration;

import static dev.portico.mapping.MappingFixtures.invocation;
import static dev.portico.mapping.MappingFixtures.mock;
import static dev.portico.mapping.MappingFixtures.request;
import static dev.portico.mapping.MappingFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.Invocation;
import dev.portico.route.PassthroughBehavior;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MOCK status read from the template output's bytes with the streaming parser must be the status the text
 * reading (a JSON tree, then the loose pattern) gives, for every output: hostile ones above all.
 */
class MockStatusReadingTest {
    private static final List<String> OUTPUTS = List.of(
            "", "   ", "\t\n", "{\"statusCode\": 200}", "{\"statusCode\":404}", " {\"statusCode\" : 500 } ",
            "{\"statusCode\": \"302\"}", "{\"statusCode\": \"3020\"}", "{\"statusCode\": \"abc\"}",
            "{\"statusCode\": 201.9}", "{\"statusCode\": -1}", "{\"statusCode\": 2147483648}",
            "{\"statusCode\": 99999999999999999999999}", "{\"statusCode\": 1e400}", "{\"statusCode\": true}",
            "{\"statusCode\": null}", "{\"statusCode\": {\"code\": 404}}", "{\"statusCode\": [404]}",
            "{\"statusCode\": 200, \"statusCode\": 404}", "{\"statusCode\": 404, \"statusCode\": \"x\"}",
            "{\"a\": {\"statusCode\": 401}, \"statusCode\": 203}", "{\"a\": {\"statusCode\": 401}}",
            "{\"statusCode\": 200} trailing", "{\"statusCode\": 200}{\"statusCode\": 500}", "[{\"statusCode\": 404}]",
            "200", "\"statusCode: 404\"", "{statusCode: 418}", "{\"statusCode\": 200", "{\"statusCode\": 200,}",
            "statusCode: \"429\" and more", "{\"deep\": " + "[".repeat(2000) + "]".repeat(2000) + ", \"statusCode\": 202}",
            "{\"deep\": " + "[".repeat(2000) + ", \"statusCode\": 206}", "{\"x\": \"" + "y".repeat(100_000)
                    + "\", \"statusCode\": 207}", "{\"statusCode\": 0}", "{\"statusCode\": 00}", "no status at all",
            "{\"statusCode\": 2\u00b00}", "{\"x\": \"\u00e9\", \"statusCode\": 208}", "\ufeff{\"statusCode\": 209}");

    private static Invocation invocationFor() {
        var route = route("GET", "/things", mock(Map.of(), PassthroughBehavior.WHEN_NO_MATCH));
        return invocation(route, Map.of(), request("GET", "/things", Map.of(), new Headers(), null));
    }

    private static String outcome(ThrowingStatus reading) {
        try {
            return Integer.toString(reading.status());
        } catch (GatewayException e) {
            return e.type() + ": " + e.getMessage();
        }
    }

    private interface ThrowingStatus {
        int status();
    }

    @Test
    void theBytesGiveTheStatusTheTextGives() {
        Invocation invocation = invocationFor();
        int plain = 0;
        for (String output : OUTPUTS) {
            byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
            String expected = outcome(() -> MockIntegration.statusOf(output, invocation));
            if (MockIntegration.plainAscii(bytes)) {
                plain++;
                assertEquals(expected, outcome(() -> MockIntegration.asciiStatusOf(bytes, invocation)),
                        () -> "for " + output.substring(0, Math.min(80, output.length())));
            }
        }
        assertTrue(plain > 30, "most outputs take the byte reading");
    }

    @Test
    void theByteReadingKeepsTheTreesAnswers() {
        Invocation invocation = invocationFor();
        assertEquals(200, MockIntegration.asciiStatusOf("  ".getBytes(StandardCharsets.US_ASCII), invocation));
        assertEquals(404, MockIntegration.asciiStatusOf("{\"statusCode\": 200, \"statusCode\": 404}"
                .getBytes(StandardCharsets.US_ASCII), invocation));
        assertEquals(201, MockIntegration.asciiStatusOf("{\"statusCode\": 201.9}".getBytes(StandardCharsets.US_ASCII),
                invocation));
        // the nested statusCode is not the root's; not JSON at all: the loose pattern finds one anyway
        assertEquals(203, MockIntegration.asciiStatusOf("{\"a\": {\"statusCode\": 401}, \"statusCode\": 203}"
                .getBytes(StandardCharsets.US_ASCII), invocation));
        assertEquals(418, MockIntegration.asciiStatusOf("{statusCode: 418}".getBytes(StandardCharsets.US_ASCII),
                invocation));
    }

    @Test
    void onlyPlainAsciiTakesTheByteReading() {
        assertTrue(MockIntegration.plainAscii("{\"statusCode\": 200}\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(MockIntegration.plainAscii("{\"x\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(MockIntegration.plainAscii(new byte[] {'{', 0, '}'}));
        assertFalse(MockIntegration.plainAscii(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}));
    }

    /**
     * The statuses kept by output answer as a fresh reading does, round after round, with more outputs than slots
     * (so they displace each other), an output changed in place after its call, and outputs without a status.
     */
    @Test
    void keptStatusesAnswerAsAFreshReading() {
        Invocation invocation = invocationFor();
        MockIntegration mock = new MockIntegration();
        for (int round = 0; round < 3; round++) {
            for (String output : OUTPUTS) {
                byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
                String expected = outcome(() -> MockIntegration.statusOf(output, invocation));
                assertEquals(expected, outcome(() -> mock.status(bytes, invocation)),
                        () -> "for " + output.substring(0, Math.min(80, output.length())));
            }
        }
        byte[] changing = "{\"statusCode\": 201}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(201, mock.status(changing, invocation));
        changing[17] = (byte) '2'; // now {"statusCode": 202}
        assertEquals(202, mock.status(changing, invocation));
        changing[17] = (byte) '1';
        assertEquals(201, mock.status(changing, invocation));
    }
}
