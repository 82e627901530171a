package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STATUS_DESCRIPTION = Pattern.compile("^\\d{3} \\S.*$");
    private final ResponseEncoder encoder = new ResponseEncoder();

    private static OutgoingResponse text(int status, String body, Headers headers) {
        return new OutgoingResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Headers cookiesAndVary() {
        return new Headers()
                .add("Content-Type", "text/plain; charset=utf-8")
                .add("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT")
                .add("Vary", "Accept")
                .add("set-cookie", "b=2")
                .add("Vary", "Origin");
    }

    private JsonNode encode(OutgoingResponse response, CallerFormat format) {
        try {
            return MAPPER.readTree(encoder.encode(response, format));
        } catch (IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertNoNulls(JsonNode node) {
        assertFalse(node.isNull(), "null in the answer");
        node.forEach(ResponseEncoderTest::assertNoNulls);
    }

    /** FORMAT.md "Test assertions for an ALB answer". */
    private static void assertValidAlbAnswer(JsonNode answer, boolean multiValue) {
        assertTrue(answer.get("statusCode").isInt(), "statusCode is an int");
        String description = answer.get("statusDescription").textValue();
        assertTrue(STATUS_DESCRIPTION.matcher(description).matches(), description);
        assertTrue(description.startsWith(answer.get("statusCode").asText() + " "), description);
        assertTrue(answer.get("isBase64Encoded").isBoolean());
        assertEquals(multiValue, answer.has("multiValueHeaders"));
        assertEquals(!multiValue, answer.has("headers"), "exactly one of headers/multiValueHeaders");
        answer.get(multiValue ? "multiValueHeaders" : "headers").fields().forEachRemaining(e -> {
            if (multiValue) {
                assertTrue(e.getValue().isArray(), e.getKey());
                e.getValue().forEach(v -> assertTrue(v.isTextual(), e.getKey()));
            } else {
                assertTrue(e.getValue().isTextual(), e.getKey());
            }
        });
        assertTrue(answer.get("body").isTextual());
        assertNoNulls(answer);
    }

    @Test
    void albSingleValueIsExactAndCompact() {
        byte[] json = encoder.encode(text(200, "hi \"you\" é", new Headers().add("Content-Type", "text/plain")),
                CallerFormat.ALB);
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\",\"headers\":{\"Content-Type\":\"text/plain\"},"
                + "\"body\":\"hi \\\"you\\\" é\",\"isBase64Encoded\":false}", new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void albSingleValueJoinsRepeatedHeadersAndKeepsTheLastCookie() {
        JsonNode answer = encode(text(201, "made", cookiesAndVary()), CallerFormat.ALB);
        assertValidAlbAnswer(answer, false);
        assertEquals("201 Created", answer.get("statusDescription").textValue());
        JsonNode headers = answer.get("headers");
        assertEquals("Accept, Origin", headers.get("Vary").textValue());
        assertEquals("b=2", headers.get("Set-Cookie").textValue());
        assertEquals(List.of("Content-Type", "Set-Cookie", "Vary"), fieldNames(headers));
        assertEquals("made", answer.get("body").textValue());
    }

    @Test
    void albMultiValueListsEveryValue() {
        JsonNode answer = encode(text(302, "", cookiesAndVary()), CallerFormat.ALB_MULTI_VALUE);
        assertValidAlbAnswer(answer, true);
        assertEquals("302 Found", answer.get("statusDescription").textValue());
        JsonNode headers = answer.get("multiValueHeaders");
        assertEquals(List.of("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"),
                MAPPER.convertValue(headers.get("Set-Cookie"), List.class));
        assertEquals(List.of("Accept", "Origin"), MAPPER.convertValue(headers.get("Vary"), List.class));
        assertEquals("", answer.get("body").textValue());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 204, 299, 418, 444, 460, 499, 451, 503, 599})
    void albStatusDescriptionAlwaysHasCodeAndPhrase(int status) {
        for (CallerFormat format : List.of(CallerFormat.ALB, CallerFormat.ALB_MULTI_VALUE)) {
            JsonNode answer = encode(text(status, "", new Headers()), format);
            assertValidAlbAnswer(answer, format == CallerFormat.ALB_MULTI_VALUE);
            assertEquals(status, answer.get("statusCode").intValue());
        }
    }

    @Test
    void reasonPhrases() {
        assertEquals("OK", ReasonPhrases.of(200));
        assertEquals("Not Found", ReasonPhrases.of(404));
        assertEquals("Too Many Requests", ReasonPhrases.of(429));
        assertEquals("Gateway Timeout", ReasonPhrases.of(504));
        assertEquals("Unknown", ReasonPhrases.of(444));
    }

    @ParameterizedTest
    @EnumSource(CallerFormat.class)
    void binaryBodyIsBase64AndRoundTripsThroughTheDecoder(CallerFormat format) {
        byte[] bytes = {0, 1, 2, (byte) 0x80, (byte) 0xff, '\n'};
        JsonNode answer = encode(new OutgoingResponse(200, new Headers().add("Content-Type", "image/png"), bytes, true),
                format);
        assertTrue(answer.get("isBase64Encoded").booleanValue());
        assertEquals(Base64.getEncoder().encodeToString(bytes), answer.get("body").textValue());
        assertArrayEquals(bytes, Base64.getDecoder().decode(answer.get("body").textValue()));
        assertNoNulls(answer);
    }

    @Test
    void binaryRequestToBinaryResponseRoundTrip() {
        IncomingRequest request = new EventDecoder().decode(EventDecoderTest.resource("alb-multi.json"));
        JsonNode answer = encode(new OutgoingResponse(200, new Headers(), request.body(), true), request.format());
        assertValidAlbAnswer(answer, true);
        assertEquals("AAECA/7/", answer.get("body").textValue(), "same base64 as the event's body");
    }

    @Test
    void textBodyIsUtf8Text() {
        JsonNode answer = encode(text(200, "{\"ok\":\"ünïcode ✓\"}", new Headers()), CallerFormat.HTTP_API_V2);
        assertEquals("{\"ok\":\"ünïcode ✓\"}", answer.get("body").textValue());
        assertFalse(answer.get("isBase64Encoded").booleanValue());
    }

    @ParameterizedTest
    @EnumSource(value = CallerFormat.class, names = {"REST_V1", "HTTP_API_V1"})
    void payload10PutsSingleValuesInHeadersAndEverythingInMultiValueHeaders(CallerFormat format) {
        JsonNode answer = encode(text(200, "ok", cookiesAndVary()), format);
        assertEquals(List.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"), fieldNames(answer));
        assertTrue(answer.get("statusCode").isInt());
        JsonNode headers = answer.get("headers");
        assertEquals(List.of("Content-Type"), fieldNames(headers));
        assertEquals("text/plain; charset=utf-8", headers.get("Content-Type").textValue());
        JsonNode multi = answer.get("multiValueHeaders");
        assertEquals(List.of("Content-Type", "Set-Cookie", "Vary"), fieldNames(multi));
        assertEquals(List.of("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"),
                MAPPER.convertValue(multi.get("Set-Cookie"), List.class));
        assertEquals(List.of("Accept", "Origin"), MAPPER.convertValue(multi.get("Vary"), List.class));
        assertEquals("ok", answer.get("body").textValue());
        assertNoNulls(answer);
    }

    @Test
    void payload20PutsSetCookieInCookiesAndJoinsOtherHeaders() {
        JsonNode answer = encode(text(201, "{}", cookiesAndVary()), CallerFormat.HTTP_API_V2);
        assertEquals(List.of("statusCode", "headers", "cookies", "body", "isBase64Encoded"), fieldNames(answer));
        assertEquals(201, answer.get("statusCode").intValue());
        JsonNode headers = answer.get("headers");
        assertEquals(List.of("Content-Type", "Vary"), fieldNames(headers));
        assertEquals("Accept, Origin", headers.get("Vary").textValue());
        assertEquals(List.of("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"),
                MAPPER.convertValue(answer.get("cookies"), List.class));
        assertFalse(answer.has("multiValueHeaders"));
        assertNoNulls(answer);
    }

    @Test
    void payload20WithoutCookiesIsExact() {
        byte[] json = encoder.encode(text(404, "", new Headers().add("x-a", "1")), CallerFormat.HTTP_API_V2);
        assertEquals("{\"statusCode\":404,\"headers\":{\"x-a\":\"1\"},\"body\":\"\",\"isBase64Encoded\":false}",
                new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void unknownCallerGetsTheCommonShape() {
        byte[] json = encoder.encode(text(400, "{\"message\":\"Bad Request\"}",
                new Headers().add("Content-Type", "application/json").add("Set-Cookie", "x=1").add("Set-Cookie", "y=2")),
                null);
        assertEquals("{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/json\",\"Set-Cookie\":\"y=2\"},"
                + "\"body\":\"{\\\"message\\\":\\\"Bad Request\\\"}\",\"isBase64Encoded\":false}",
                new String(json, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(CallerFormat.class)
    void nullHeadersValuesAndBodyNeverBecomeJsonNull(CallerFormat format) {
        Headers headers = new Headers().add("X-Null", null).add("X-Some", null).add("X-Some", "v");
        JsonNode answer = encode(new OutgoingResponse(200, headers, null, false), format);
        assertNoNulls(answer);
        assertEquals("", answer.get("body").textValue());
        String field = format == CallerFormat.ALB_MULTI_VALUE ? "multiValueHeaders" : "headers";
        assertFalse(answer.get(field).has("X-Null"));
        JsonNode some = answer.get(field).get("X-Some");
        assertEquals("v", some.isArray() ? some.get(0).textValue() : some.textValue());
        JsonNode withoutHeaders = encode(new OutgoingResponse(204, null, OutgoingResponse.NO_BODY, false), format);
        assertNoNulls(withoutHeaders);
        assertNull(withoutHeaders.get("cookies"));
    }

    @Test
    void outOfRangeStatusBecomes500() {
        JsonNode answer = encode(text(42, "", new Headers()), CallerFormat.ALB);
        assertValidAlbAnswer(answer, false);
        assertEquals("500 Internal Server Error", answer.get("statusDescription").textValue());
        assertNotEquals(42, encode(text(42, "", new Headers()), CallerFormat.REST_V1).get("statusCode").intValue());
    }

    @Test
    void anAsciiBodyIsWrittenAsTheSameJsonAsItsText() throws Exception {
        StringBuilder ascii = new StringBuilder("quote \" backslash \\ slash / tab \t newline \n return \r ");
        for (char c = 0x20; c < 0x7f; c++) ascii.append(c);
        for (String text : List.of(ascii.toString(), "", "{\"k\": \"v\"}", "\013\014\037")) {
            byte[] json = encoder.encode(text(200, text, new Headers().add("Content-Type", "text/plain")),
                    CallerFormat.ALB);
            com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(expected)) {
                g.writeStartObject();
                g.writeStringField("body", text);
                g.writeEndObject();
            }
            String written = new String(json, StandardCharsets.UTF_8);
            String object = expected.toString(StandardCharsets.UTF_8);
            String field = object.substring(1, object.length() - 1);
            assertTrue(written.contains(field), written + " holds " + field);
            assertEquals(text, MAPPER.readTree(json).get("body").asText());
        }
    }
}
