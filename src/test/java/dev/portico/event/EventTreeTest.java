package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming reading of events (EventTree) must give every event the outcome the tree reading gives it: the
 * same request, or the same refusal with the same message. Checked on the sample events and on hostile variants.
 */
class EventTreeTest {
    private static final String ALB = "{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:"
            + "us-east-1:123456789012:targetgroup/t/0123456789abcdef\"}},\"httpMethod\":\"POST\",\"path\":\"/a%20b\","
            + "\"queryStringParameters\":{\"q\":\"1\"},\"headers\":{\"content-type\":\"text/plain\",\"host\":\"h\"},";
    private static final String V1 = "{\"resource\":\"/x\",\"path\":\"/x\",\"httpMethod\":\"GET\",\"requestContext\":"
            + "{\"requestId\":\"rid\",\"requestTimeEpoch\":1700000000000,\"identity\":{\"sourceIp\":\"198.51.100.7\"}},";
    private static final String V2 = "{\"version\":\"2.0\",\"rawPath\":\"/x\",\"requestContext\":{\"http\":"
            + "{\"method\":\"GET\"}},";
    private final EventDecoder decoder = new EventDecoder();

    private String outcome(byte[] event, boolean streaming) {
        try {
            IncomingRequest r = decoder.decode(event, streaming);
            return String.join("|", r.format().name(), r.httpMethod(), r.path(), r.rawPath(), r.query().toString(),
                    r.headers().toString(), Base64.getEncoder().encodeToString(r.body()), String.valueOf(r.hasBody()),
                    r.sourceIp(), r.domainName(),
                    event != null && new String(event, StandardCharsets.UTF_8).contains("\"requestId\"")
                            ? r.requestId() + "|" + epoch(r.requestTimeEpoch()) : "generated");
        } catch (BadEventException e) {
            return "refused: " + e.format() + ": " + e.getMessage();
        }
    }

    /** An epoch the event does not give is the clock's, which moves between two readings. */
    private static String epoch(long millis) {
        return Math.abs(System.currentTimeMillis() - millis) < 60_000 ? "now" : Long.toString(millis);
    }

    private static List<String> hostile() {
        List<String> events = new ArrayList<>();
        for (String body : List.of("\"\"", "\"plain text\"", "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\"",
                "\"\\u0041\\u007e\\u0000\"", "\"\\u00e9 non-ASCII escape\"", "\"raw \u00e9 non-ASCII\"",
                "\"\\ud83d\\ude00\"", "\"\\ud800 lone\"", "null", "42", "4.5", "true", "{\"a\":1}", "[\"a\"]",
                "\"a\",\"body\":\"b\"", "\"a\",\"body\":7", "7,\"body\":\"last\"", "null,\"body\":\"x\"",
                "\"bad \\q escape\"", "\"unterminated", "\"" + "x".repeat(1_000_000) + "\"")) {
            events.add(ALB + "\"body\":" + body + ",\"isBase64Encoded\":false}");
            events.add(V1 + "\"isBase64Encoded\":true,\"body\":" + body + "}");
        }
        events.add(V1 + "\"body\":\"aGVsbG8=\",\"isBase64Encoded\":true}");
        events.add(V1 + "\"body\":\"not base64!\",\"isBase64Encoded\":true}");
        events.add(V1 + "\"body\":\"aGVsbG8\",\"isBase64Encoded\":\"yes\"}");
        // wrong types
        events.add(V1.replace("\"httpMethod\":\"GET\"", "\"httpMethod\":7") + "\"body\":\"\"}");
        events.add(V1.replace("\"httpMethod\":\"GET\"", "\"httpMethod\":7.5") + "\"body\":\"\"}");
        events.add(V1.replace("\"httpMethod\":\"GET\"", "\"httpMethod\":{\"a\":1}") + "\"body\":\"\"}");
        events.add(V1.replace("1700000000000", "1.7e12") + "\"body\":\"\"}");
        events.add(V1.replace("1700000000000", "\"soon\"") + "\"body\":\"\"}");
        events.add(V1.replace("1700000000000", "170000000000000000000000") + "\"body\":\"\"}");
        events.add(V1 + "\"headers\":[\"a\"],\"body\":\"\"}");
        events.add(V1 + "\"headers\":{\"a\":[\"x\"]},\"body\":\"\"}");
        events.add(V1 + "\"headers\":{\"a\":1,\"A\":true,\"a\":null},\"body\":\"\"}");
        events.add(V1 + "\"multiValueHeaders\":{\"a\":[\"x\",null,2]},\"body\":\"\"}");
        events.add(V1 + "\"multiValueHeaders\":{\"a\":\"x\"},\"body\":\"\"}");
        events.add(V1.replace("\"path\":\"/x\",", "") + "\"body\":\"\"}");
        events.add(V1.replace("\"path\":\"/x\"", "\"path\":\"/x\",\"path\":\"/y\"") + "\"body\":\"\"}");
        // header maps: read straight into headers when they are plain, else by the tree
        for (String single : List.of("{}", "null", "{\"a\":\"1\",\"a\":\"2\"}", "{\"A\":\"1\",\"a\":\"2\"}",
                "{\"a\":null,\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\"}", "{\"a\":true}", "{\"a\":{\"b\":\"c\"}}",
                "{\"a\":[\"x\"]}", "{\"a\":\"\\u00e9\",\"b\":\"\u00e9\"}", "{\"x-forwarded-for\":\"1.2.3.4, 5.6.7.8\"}",
                "{\"a\":\"x\"},\"headers\":null", "{\"a\":\"x\"},\"headers\":{\"b\":\"y\"}",
                "null,\"headers\":{\"b\":\"y\"}", "[\"a\"],\"headers\":{\"b\":\"y\"}", "\"text\"")) {
            events.add(ALB + "\"headers\":" + single + ",\"body\":\"\"}");
            events.add(V1 + "\"headers\":" + single + ",\"body\":\"\"}");
            events.add(V2 + "\"headers\":" + single + ",\"cookies\":[\"c=1\",null,\"d=2\"]}");
            events.add(V2 + "\"headers\":" + single + ",\"cookies\":[\"c=1\"]}".replace("\"a\"", "\"cookie\""));
        }
        for (String multi : List.of("{}", "null", "{\"a\":[]}", "{\"a\":[\"x\",null,\"y\"],\"b\":null}",
                "{\"a\":[\"1\"],\"a\":[\"2\"]}", "{\"a\":[],\"a\":[\"x\"]}", "{\"a\":[\"x\"],\"a\":[]}",
                "{\"a\":[\"1\"],\"A\":[\"2\"]}", "{\"a\":[[\"x\"]]}", "{\"a\":[1]}", "{\"a\":\"x\"}", "{\"a\":{}}",
                "{\"a\":[\"x\"]},\"multiValueHeaders\":{\"b\":[\"y\"]}", "{\"a\":[\"x\"]},\"multiValueHeaders\":null",
                "7")) {
            events.add(ALB + "\"multiValueHeaders\":" + multi + ",\"body\":\"\"}");
            events.add(V1 + "\"headers\":{\"s\":\"1\"},\"multiValueHeaders\":" + multi + ",\"body\":\"\"}");
        }
        // string values taken straight from the bytes when plain: escapes, non-ASCII, controls and spacing beside them
        for (String text : List.of("\"\"", "\"plain\"", "\"a\\\"b\"", "\"a\\\\b\"", "\"\\u0041\"", "\"a\\/b\"",
                "\"\u00e9\"", "\"\u007f\"", "\"tab\tin\"", "\"~ !#$%&'()*+,-./:;<=>?@[]^_`{|}\"")) {
            events.add(ALB.replace("\"POST\"", text) + "\"body\":\"\"}");
            events.add(ALB.replace("\"/a%20b\"", text) + "\"body\":\"\"}");
            events.add(ALB + "\"headers\":{\"a\":" + text + ",\"b\" : " + text + "},\"body\":\"\"}");
            events.add(V1 + "\"headers\":{\"a\":\"x\"},\"multiValueHeaders\":{\"a\":[" + text + ", " + text
                    + "]},\"body\":\"\"}");
            events.add(V1.replace("\"rid\"", "\"r" + text.substring(1)).replace("\"sourceIp\":\"198.51.100.7\"", "\"sourceIp\"\n :\t" + text)
                    + "\"queryStringParameters\":{\"q\":" + text + "},\"body\":\"\"}");
        }
        // deep nesting, beside the fields that are read and inside them
        events.add(V1 + "\"deep\":" + "[".repeat(40) + "]".repeat(40) + ",\"body\":\"x\"}");
        events.add(V1 + "\"deep\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + ",\"body\":\"x\"}");
        events.add(V1 + "\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"body\":\"x\"}");
        events.add(V1 + "\"deep\":" + "[".repeat(5000) + ",\"body\":\"x\"}");
        // not an object, not JSON, trailing tokens
        events.addAll(List.of("[]", "null", "\"text\"", "12", "{", "{}", "{\"a\":1}", "not json",
                V1 + "\"body\":\"x\"} {}", V1 + "\"body\":\"x\"} trailing", V1 + "\"body\":\"x\"}   "));
        events.add(ALB + "\"body\":\"tab\tinside\"}");
        events.add(ALB + "\"body\":\"" + "\u0001" + "\"}");
        return events;
    }

    @Test
    void everyEventHasTheOutcomeTheTreeReadingGivesIt() throws IOException {
        List<byte[]> events = new ArrayList<>();
        for (String event : hostile()) events.add(event.getBytes(StandardCharsets.UTF_8));
        events.add(new byte[0]);
        events.add(null);
        byte[] invalidUtf8 = (ALB + "\"body\":\"x\u00e9y\"}").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xff;
        events.add(invalidUtf8);
        byte[] surrogateUtf8 = (ALB + "\"body\":\"xyzw\"}").getBytes(StandardCharsets.UTF_8);
        int at = surrogateUtf8.length - 6;
        surrogateUtf8[at] = (byte) 0xed;
        surrogateUtf8[at + 1] = (byte) 0xa0;
        surrogateUtf8[at + 2] = (byte) 0x80;
        events.add(surrogateUtf8);
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("events")), Files.list(Path.of("bench/events")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                events.add(Files.readAllBytes(file));
            }
        }
        int streamed = 0;
        for (byte[] event : events) {
            String label = event == null ? "null" : new String(event, 0, Math.min(event.length, 160), StandardCharsets.UTF_8);
            assertEquals(outcome(event, false), outcome(event, true), () -> "for " + label);
            if (event != null && event.length > 0 && EventTree.read(new ObjectMapper().getFactory(), event) != null) {
                streamed++;
            }
        }
        assertTrue(streamed > events.size() / 2, streamed + " of " + events.size() + " events took the streaming reading");
    }

    @Test
    void aStringBodyIsReadStraightFromTheBytes() {
        byte[] event = (ALB + "\"body\":\"a\\\"b\\\\c\\nd\\u0041\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
        EventTree.Read read = EventTree.read(new ObjectMapper().getFactory(), event);
        assertNotNull(read);
        assertArrayEquals("a\"b\\c\ndA".getBytes(StandardCharsets.US_ASCII), read.body());
        assertNull(read.root().get("body"), "the body is not also in the tree");
        assertEquals("POST", read.root().get("httpMethod").asText());
    }

    @Test
    void plainHeaderMapsAreReadStraightIntoHeaders() {
        byte[] event = (V1 + "\"headers\":{\"Host\":\"h\",\"gone\":null},\"multiValueHeaders\":{\"Host\":[\"h\"],"
                + "\"Accept\":[\"a\",\"b\"]},\"body\":\"\"}").getBytes(StandardCharsets.UTF_8);
        EventTree.Read read = EventTree.read(new ObjectMapper().getFactory(), event);
        assertNotNull(read);
        assertEquals(List.of("h"), read.headers().all("host"));
        assertEquals(1, read.headers().size(), "a null value is no header");
        assertEquals(List.of("a", "b"), read.multiValueHeaders().all("accept"));
        assertEquals("Accept", read.multiValueHeaders().nameOf("accept"));
        assertSame(EventTree.READ_AS_HEADERS, read.root().get("multiValueHeaders"), "not also in the tree");
        assertTrue(EventTree.READ_AS_HEADERS.isEmpty());
        EventTree.Read numbers = EventTree.read(new ObjectMapper().getFactory(),
                (V1 + "\"headers\":{\"n\":1},\"body\":\"\"}").getBytes(StandardCharsets.UTF_8));
        assertNull(numbers, "a number value is left to the tree reading");
    }

    @Test
    void whatTheStreamingReadingCannotTakeExactlyIsLeftToTheTree() {
        ObjectMapper mapper = new ObjectMapper();
        for (String event : List.of(ALB + "\"body\":\"\\u00e9\"}", ALB + "\"body\":\"\u00e9\"}", ALB + "\"n\":1.5}",
                "[]", ALB + "\"body\":\"x\"} trailing", V1 + "\"deep\":" + "[".repeat(40) + "]".repeat(40) + "}")) {
            assertNull(EventTree.read(mapper.getFactory(), event.getBytes(StandardCharsets.UTF_8)), event);
        }
        assertEquals(5, EventTree.unescapeAscii("x\"hello\"".getBytes(StandardCharsets.US_ASCII), 1, 100).length);
        assertNull(EventTree.unescapeAscii("\"hello\"".getBytes(StandardCharsets.US_ASCII), 0, 4), "over the limit");
    }
}
