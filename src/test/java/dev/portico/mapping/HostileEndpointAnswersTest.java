package dev.portico.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.invocation.EndpointResponse;
import dev.portico.route.ContentHandling;
import dev.portico.route.IntegrationResponseDefinition;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an endpoint answers is not trusted: selection, statuses and headers end in gateway answers. */
class HostileEndpointAnswersTest {
    private static IntegrationResponseDefinition response(String pattern, int status) {
        return new IntegrationResponseDefinition(pattern == null ? "default" : pattern,
                pattern == null ? null : Pattern.compile(pattern), status, Map.of(), Map.of(), ContentHandling.PASSTHROUGH);
    }

    @Test
    void aSelectionPatternThatOverflowsTheStackIsA500() {
        String message = "x".repeat(6000) + "Invalid" + "y".repeat(6000);
        List<IntegrationResponseDefinition> responses = List.of(response("(\\n|.)*Invalid(\\n|.)*", 400), response(null, 200));
        GatewayException e = assertThrows(GatewayException.class, () -> ResponseSelection.select(responses,
                new EndpointResponse(200, Headers.empty(), new byte[0], message)));
        assertEquals(500, e.status());
        assertTrue(e.logDetail().contains("selectionPattern"), e.logDetail());
        assertSame(responses.get(1), ResponseSelection.select(responses,
                new EndpointResponse(200, Headers.empty(), new byte[0], "short")));
        assertSame(responses.get(0), ResponseSelection.select(responses,
                new EndpointResponse(200, Headers.empty(), new byte[0], "an Invalid thing")));
    }

    @Test
    void statusesOutsideHttpAreMalformedOutput() {
        for (int status : new int[] {99999, -1, 999, 99, 600}) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> new EndpointResponse(status, Headers.empty(), new byte[0], null));
            assertEquals(502, e.status());
        }
    }

    @Test
    void headersThatWouldSplitTheAnswerAreMalformedOutput() {
        for (Headers headers : List.of(new Headers().add("X-A", "a\r\nSet-Cookie: x=1"), new Headers().add("X-A", "a\nb"),
                new Headers().add("X-A\r\nSet-Cookie", "x"), new Headers().add("Bad Name", "x"), new Headers().add("X", "a\0b"))) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> new EndpointResponse(200, headers.freeze(), new byte[0], null));
            assertEquals(502, e.status());
        }
    }
}
