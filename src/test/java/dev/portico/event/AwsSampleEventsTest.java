package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decodes the public AWS sample events in ../shared/aws-sample-events when that folder is reachable. */
class AwsSampleEventsTest {
    private static final Path SAMPLES = Path.of("..", "shared", "aws-sample-events");
    private final EventDecoder decoder = new EventDecoder();

    private static Path sample(String name) {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "AWS sample events not found at " + SAMPLES.toAbsolutePath() + "; skipping");
        return SAMPLES.resolve(name);
    }

    private IncomingRequest decode(String name) throws IOException {
        return decoder.decode(Files.readAllBytes(sample(name)));
    }

    private static CallerFormat expectedFormat(String name) {
        if (name.startsWith("alb-")) return name.contains("multivalue") ? CallerFormat.ALB_MULTI_VALUE : CallerFormat.ALB;
        if (name.equals("apigw-v1-get-multivalue.json")) return CallerFormat.HTTP_API_V1; // has "version": "1.0"
        if (name.startsWith("apigw-v1-")) return CallerFormat.REST_V1;
        return CallerFormat.HTTP_API_V2;
    }

    @TestFactory
    Stream<DynamicTest> everySampleDecodesInItsCallersFormat() throws IOException {
        sample(".");
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            IncomingRequest r = decoder.decode(Files.readAllBytes(file));
            assertEquals(expectedFormat(name), r.format());
            assertTrue(r.path().startsWith("/"), r.path());
            assertTrue(r.httpMethod().equals("GET") || r.httpMethod().equals("POST"), r.httpMethod());
            assertFalse(r.requestId().isEmpty());
            assertTrue(r.requestTimeEpoch() > 0);
        }));
    }

    @Test
    void albQueryArrivesEncodedAndIsDecoded() throws IOException {
        IncomingRequest r = decode("alb-get-query-encoded.json");
        assertEquals("2019-03-12T16:06:06.5498170+00:00", r.queryValue("testDateTimeOffset"));
        assertEquals("http://www.gooogle.com", r.queryValue("url"));
        assertFalse(r.hasBody(), "body is null in this sample");
        assertEquals("72.21.198.66", r.sourceIp());
    }

    @Test
    void albMultiValueKeepsRepeatedQueryAndHeaders() throws IOException {
        IncomingRequest r = decode("alb-get-multivalue.json");
        assertEquals(List.of("value1", "value2"), r.query().get("parameter1"));
        assertEquals(List.of("value1", "value2"), r.headers().all("header2"));
        assertEquals("/todos", r.path());
    }

    @Test
    void albHealthCheck() throws IOException {
        IncomingRequest r = decode("alb-healthcheck.json");
        assertEquals("ELB-HealthChecker/2.0", r.userAgent());
        assertTrue(r.query().isEmpty());
    }

    @Test
    void base64BodiesAreDecoded() throws IOException {
        for (String name : List.of("alb-post-base64.json", "apigw-v1-post-base64.json", "httpapi-v2-post-base64.json")) {
            assertEquals("{\"test\":\"body\"}", new String(decode(name).body(), StandardCharsets.UTF_8), name);
        }
        assertEquals("<idk/>", new String(decode("funcurl-post-base64.json").body(), StandardCharsets.UTF_8));
    }

    @Test
    void restV1Quirks() throws IOException {
        assertEquals("/path/bar/api", decode("apigw-v1-get-path-params.json").path(), "leading slash restored");
        IncomingRequest invoke = decode("apigw-v1-get-test-invoke.json");
        assertTrue(invoke.headers().isEmpty(), "headers is null in console test-invoke");
        assertEquals("test-invoke-request", invoke.requestId());
        assertEquals("127.0.0.1", invoke.sourceIp());
        IncomingRequest post = decode("apigw-v1-post-base64.json");
        assertEquals("0123456789.execute-api.us-east-1.amazonaws.com", post.headers().first("host"),
                "multiValueHeaders wins over headers");
        assertEquals("{\r\n\t\"a\": 1\r\n}", new String(decode("apigw-v1-post-json.json").body(), StandardCharsets.UTF_8));
    }

    @Test
    void payload10MultiValueSample() throws IOException {
        IncomingRequest r = decode("apigw-v1-get-multivalue.json");
        assertEquals(List.of("value1", "value2"), r.query().get("parameter2"));
        assertEquals(List.of("value1,value2"), r.headers().all("Header3"));
        assertEquals("id.execute-api.us-east-1.amazonaws.com", r.domainName());
    }

    @Test
    void v2CookiesAndRepeatedQuery() throws IOException {
        assertEquals("TestCookie1=TestValue1; TestCookie2=TestValue2; TestCookie3=TestValue3",
                decode("httpapi-v2-get-cookies.json").headers().first("cookie"));
        assertEquals(List.of("value1", "value2"), decode("httpapi-v2-get-query-multi.json").query().get("mv-test"));
        IncomingRequest url = decode("funcurl-post-cookies-json.json");
        assertEquals(List.of("foo=bar; hello=hello"), url.headers().all("cookie"));
        assertEquals(List.of("h1,h2"), url.headers().all("header2"));
        assertEquals(List.of("world"), url.query().get("hello"));
        assertEquals("lambda-url-id.lambda-url.us-west-2.on.aws", url.domainName());
        assertEquals(1681837306806L, url.requestTimeEpoch());
    }
}
