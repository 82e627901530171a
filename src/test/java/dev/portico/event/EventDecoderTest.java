package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    private final EventDecoder decoder = new EventDecoder();

    static byte[] resource(String name) {
        try (InputStream in = EventDecoderTest.class.getResourceAsStream("/events/" + name)) {
            if (in == null) throw new IllegalStateException("missing test event " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IncomingRequest decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void albSingleValueDecodesPathAndStillEncodedQuery() {
        IncomingRequest r = decoder.decode(resource("alb-single.json"));
        assertEquals(CallerFormat.ALB, r.format());
        assertEquals("GET", r.httpMethod());
        assertEquals("/files/résumé+v2.txt", r.path(), "path: %XX decoded, '+' kept");
        assertEquals(Map.of(
                "since", List.of("2024-05-01T10:00:00+02:00"),
                "q", List.of("a b&c"),
                "café", List.of("crème")), r.query());
        assertEquals("text/plain", r.headers().first("content-type"));
        assertEquals("198.51.100.7", r.sourceIp(), "last X-Forwarded-For entry is the one the ALB saw");
        assertEquals("portico-alb-1.eu-west-1.elb.amazonaws.com", r.domainName());
        assertEquals("hello", text(r.body()));
        assertTrue(r.hasBody());
        assertEquals(36, r.requestId().length(), "no id in ALB events: a UUID is generated");
        UUID generated = UUID.fromString(r.requestId());
        assertEquals(4, generated.version(), "a random (version 4) UUID");
        assertEquals(2, generated.variant(), "of the IETF variant");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) ids.add(EventFields.randomId());
        assertEquals(1000, ids.size(), "no two alike");
        assertTrue(Math.abs(System.currentTimeMillis() - r.requestTimeEpoch()) < 60_000);
    }

    @Test
    void albMultiValueKeepsRepeatedValuesAndDecodesBase64Body() {
        IncomingRequest r = decoder.decode(resource("alb-multi.json"));
        assertEquals(CallerFormat.ALB_MULTI_VALUE, r.format());
        assertEquals("POST", r.httpMethod());
        assertEquals("/orders", r.path());
        assertEquals(List.of("red", "blue green", "x+y"), r.query().get("tag"));
        assertEquals(List.of(""), r.query().get("empty"));
        assertEquals(List.of("text/html", "application/json"), r.headers().all("Accept"));
        assertArrayEquals(new byte[] {0, 1, 2, 3, (byte) 0xfe, (byte) 0xff}, r.body());
        assertEquals("192.0.2.44", r.sourceIp());
    }

    @Test
    void albMultiValueModeIsToldByTheKeyEvenWhenEmpty() {
        IncomingRequest r = decode("""
                {"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"GET","path":"/",
                 "multiValueQueryStringParameters":{},"multiValueHeaders":{},"body":"","isBase64Encoded":false}""");
        assertEquals(CallerFormat.ALB_MULTI_VALUE, r.format());
        assertTrue(r.headers().isEmpty());
        assertEquals("", r.sourceIp());
        assertEquals("", r.domainName());
        assertTrue(r.hasBody(), "\"\" is a body, just an empty one");
        assertEquals(0, r.body().length);
    }

    @Test
    void restV1PrefersMultiValueMaps() {
        IncomingRequest r = decoder.decode(resource("rest-v1.json"));
        assertEquals(CallerFormat.REST_V1, r.format());
        assertEquals("PUT", r.httpMethod());
        assertEquals("/pets/Mr Whiskers", r.path());
        assertEquals(List.of("small", "large"), r.query().get("size"));
        assertEquals(List.of("a+b stays"), r.query().get("note"), "API Gateway already decoded query values");
        assertEquals(List.of("first", "only-the-last"), r.headers().all("x-trace"));
        assertEquals("198.51.100.20", r.sourceIp());
        assertEquals("0f1e2d3c-aaaa-bbbb-cccc-000000000001", r.requestId());
        assertEquals(1717171717171L, r.requestTimeEpoch());
        assertEquals("abc123.execute-api.eu-west-1.amazonaws.com", r.domainName());
        assertEquals("{\"name\":\"Mr Whiskers\"}", text(r.body()));
    }

    @Test
    void httpApiV1FallsBackToSingleMapsAndNormalisesPath() {
        IncomingRequest r = decoder.decode(resource("http-api-v1.json"));
        assertEquals(CallerFormat.HTTP_API_V1, r.format());
        assertEquals("/items", r.path());
        assertEquals(Map.of("page", List.of("2")), r.query());
        assertEquals("one", r.headers().first("header1"));
        assertFalse(r.hasBody());
        assertEquals(0, r.body().length);
        assertEquals("Abc-Def-1=", r.requestId());
        assertEquals(1700000000000L, r.requestTimeEpoch());
        assertEquals("192.0.2.1", r.sourceIp());
    }

    @Test
    void restV1WithNullHeadersAndNoQuery() {
        IncomingRequest r = decode("""
                {"resource":"/{proxy+}","path":"/a","httpMethod":"GET","headers":null,
                 "queryStringParameters":null,"requestContext":{"resourcePath":"/{proxy+}"},"body":null}""");
        assertEquals(CallerFormat.REST_V1, r.format());
        assertTrue(r.headers().isEmpty());
        assertTrue(r.query().isEmpty());
        assertFalse(r.hasBody());
        assertEquals("", r.sourceIp());
    }

    @Test
    void functionUrlPathsArriveEncodedAndAreDecoded() {
        IncomingRequest r = decode("""
                {"version":"2.0","rawPath":"/files/a%20b%2Bc","rawQueryString":"",
                 "requestContext":{"domainName":"abcdefghijklmnop.lambda-url.us-east-1.on.aws",
                                   "http":{"method":"GET","path":"/files/a%20b%2Bc"}}}""");
        assertEquals("/files/a b+c", r.path());
        assertEquals("/files/a%20b%2Bc", r.rawPath());
    }

    @Test
    void httpApiV2ParsesRawQueryStripsStageAndAddsCookieHeader() {
        IncomingRequest r = decoder.decode(resource("http-api-v2.json"));
        assertEquals(CallerFormat.HTTP_API_V2, r.format());
        assertEquals("DELETE", r.httpMethod());
        // HTTP APIs hand rawPath over already decoded: a literal '%' is a character, not an escape.
        assertEquals("/docs/a b%c", r.path());
        assertEquals("/docs/a%20b%25c", r.rawPath());
        assertEquals(List.of("1", "2", "3"), r.query().get("k"));
        assertEquals(List.of("Jürgen M"), r.query().get("name"));
        assertEquals(List.of(""), r.query().get("flag"));
        assertEquals(List.of("orphan"), r.query().get(""));
        assertEquals(List.of("k", "name", "flag", ""), List.copyOf(r.query().keySet()));
        assertEquals(List.of("text/html,application/json"), r.headers().all("accept"), "never split on commas");
        assertEquals(List.of("Wed, 21 Oct 2015 07:28:00 GMT"), r.headers().all("if-modified-since"));
        assertEquals(List.of("session=abc; theme=dark"), r.headers().all("cookie"));
        assertEquals("203.0.113.50", r.sourceIp());
        assertEquals("Zz9-requestid=", r.requestId());
        assertEquals(1711111111111L, r.requestTimeEpoch());
        assertEquals("v2api.execute-api.eu-west-1.amazonaws.com", r.domainName());
        assertEquals("plain text body", text(r.body()));
    }

    @Test
    void functionUrlKeepsItsOwnCookieHeaderAndDecodesBinaryBody() {
        IncomingRequest r = decoder.decode(resource("funcurl-cookies.json"));
        assertEquals(CallerFormat.HTTP_API_V2, r.format());
        assertEquals(List.of("a=1; b=2"), r.headers().all("cookie"), "no second cookie header");
        assertEquals("/upload", r.path());
        assertTrue(r.query().isEmpty());
        byte[] expected = "%PDF-1.7\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, r.body());
    }

    @Test
    void stageIsStrippedOnlyAsAWholeSegment() {
        assertEquals("/x", V2Decoder.stripStage("/beta/x", "beta"));
        assertEquals("/", V2Decoder.stripStage("/beta", "beta"));
        assertEquals("/betamax", V2Decoder.stripStage("/betamax", "beta"));
        assertEquals("/beta/x", V2Decoder.stripStage("/beta/x", "$default"));
        assertEquals("/beta/x", V2Decoder.stripStage("/beta/x", null));
        assertEquals("/other/x", V2Decoder.stripStage("/other/x", "beta"));
    }

    @Test
    void v2WithoutRawQueryUsesQueryStringParameters() {
        IncomingRequest r = decode("""
                {"version":"2.0","rawPath":"/p","queryStringParameters":{"a":"1,2"},
                 "requestContext":{"http":{"method":"GET"},"stage":"$default"}}""");
        assertEquals(Map.of("a", List.of("1,2")), r.query());
        assertFalse(r.hasBody());
        assertEquals("", r.domainName());
    }

    @Test
    void headersAreFrozenAndQueryIsUnmodifiable() {
        IncomingRequest r = decoder.decode(resource("alb-multi.json"));
        assertThrows(UnsupportedOperationException.class, () -> r.headers().add("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> r.query().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> r.query().get("tag").add("z"));
    }

    // ---- bad input ----

    private BadEventException bad(String json) {
        return assertThrows(BadEventException.class, () -> decode(json));
    }

    @Test
    void nullOrEmptyBytesAreBadEventsOfUnknownFormat() {
        assertNull(assertThrows(BadEventException.class, () -> decoder.decode(null)).format());
        assertNull(assertThrows(BadEventException.class, () -> decoder.decode(new byte[0])).format());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"httpMethod\":", "{} trailing", "[1,2]", "\"a string\"", "42", "null",
            "{}", "{\"requestContext\":{}}", "{\"version\":\"2.0\"}"})
    void notAnHttpEventHasNoFormat(String json) {
        BadEventException e = bad(json);
        assertNull(e.format());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void invalidUtf8JsonIsABadEvent() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
        BadEventException e = assertThrows(BadEventException.class, () -> decoder.decode(bytes));
        assertNull(e.format());
    }

    @Test
    void missingMethodOrPathKeepsTheFormat() {
        assertEquals(CallerFormat.ALB, bad("""
                {"requestContext":{"elb":{}},"path":"/","headers":{}}""").format());
        assertEquals(CallerFormat.ALB_MULTI_VALUE, bad("""
                {"requestContext":{"elb":{}},"httpMethod":"GET","multiValueHeaders":{}}""").format());
        assertEquals(CallerFormat.REST_V1, bad("""
                {"resource":"/x","path":"/x","requestContext":{}}""").format());
        assertEquals(CallerFormat.HTTP_API_V1, bad("""
                {"version":"1.0","httpMethod":"GET","path":"","requestContext":{}}""").format());
        assertEquals(CallerFormat.HTTP_API_V2, bad("""
                {"version":"2.0","rawPath":"/","requestContext":{"http":{}}}""").format());
        assertEquals(CallerFormat.HTTP_API_V2, bad("""
                {"version":"2.0","requestContext":{"http":{"method":"GET"}}}""").format());
        assertTrue(bad("""
                {"version":"2.0","rawPath":"/","requestContext":{"http":{"method":" "}}}""").getMessage()
                .contains("method"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2", "/a%", "/a%zz", "/a%4g", "/%%41"})
    void invalidPercentEncodingInPath(String path) {
        BadEventException e = bad("""
                {"requestContext":{"elb":{}},"httpMethod":"GET","path":"%s","headers":{}}""".formatted(path));
        assertEquals(CallerFormat.ALB, e.format());
        assertTrue(e.getMessage().contains("percent-encoding"), e.getMessage());
    }

    @Test
    void invalidPercentEncodingInQuery() {
        assertEquals(CallerFormat.ALB_MULTI_VALUE, bad("""
                {"requestContext":{"elb":{}},"httpMethod":"GET","path":"/",
                 "multiValueHeaders":{},"multiValueQueryStringParameters":{"a":["100%"]}}""").format());
        assertEquals(CallerFormat.ALB, bad("""
                {"requestContext":{"elb":{}},"httpMethod":"GET","path":"/",
                 "headers":{},"queryStringParameters":{"%G0":"1"}}""").format());
        assertEquals(CallerFormat.HTTP_API_V2, bad("""
                {"version":"2.0","rawPath":"/","rawQueryString":"a=%E2%8","requestContext":{"http":{"method":"GET"}}}""").format());
    }

    @Test
    void restV1QueryIsNotDecodedAgain() {
        IncomingRequest r = decode("""
                {"httpMethod":"GET","path":"/","multiValueQueryStringParameters":{"p":["100%"]},"requestContext":{}}""");
        assertEquals(List.of("100%"), r.query().get("p"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "a", "ab=c", "YW Jj", "YWJj\\nZA=="})
    void invalidBase64BodyKeepsTheFormat(String body) {
        BadEventException e = bad("""
                {"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"POST"}},
                 "body":"%s","isBase64Encoded":true}""".formatted(body));
        assertEquals(CallerFormat.HTTP_API_V2, e.format());
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
    }

    @Test
    void wrongFieldTypesAreBadEventsWithTheFormat() {
        assertEquals(CallerFormat.REST_V1, bad("""
                {"httpMethod":"GET","path":"/","body":{"a":1},"requestContext":{}}""").format());
        assertEquals(CallerFormat.REST_V1, bad("""
                {"httpMethod":"GET","path":"/","headers":{"a":{"b":1}},"requestContext":{}}""").format());
        assertEquals(CallerFormat.REST_V1, bad("""
                {"httpMethod":"GET","path":"/","multiValueHeaders":{"a":"not a list"},"requestContext":{}}""").format());
        assertEquals(CallerFormat.REST_V1, bad("""
                {"httpMethod":"GET","path":"/","headers":[],"requestContext":{}}""").format());
        assertEquals(CallerFormat.REST_V1, bad("""
                {"httpMethod":["GET"],"path":"/","requestContext":{}}""").format());
        assertEquals(CallerFormat.HTTP_API_V2, bad("""
                {"version":"2.0","rawPath":"/","cookies":"a=1","requestContext":{"http":{"method":"GET"}}}""").format());
        assertEquals(CallerFormat.HTTP_API_V2, bad("""
                {"version":"2.0","rawPath":{},"requestContext":{"http":{"method":"GET"}}}""").format());
        assertEquals(CallerFormat.ALB, bad("""
                {"requestContext":{"elb":{}},"httpMethod":"GET","path":"/","headers":"x"}""").format());
    }

    @Test
    void scalarValuesOfOtherTypesBecomeText() {
        IncomingRequest r = decode("""
                {"httpMethod":"GET","path":"/","headers":{"X-Num":42,"X-Bool":true,"X-Null":null},
                 "requestContext":{"requestTimeEpoch":"not a number"}}""");
        assertEquals("42", r.headers().first("x-num"));
        assertEquals("true", r.headers().first("x-bool"));
        assertFalse(r.headers().contains("x-null"));
        assertTrue(Math.abs(System.currentTimeMillis() - r.requestTimeEpoch()) < 60_000);
    }
}
