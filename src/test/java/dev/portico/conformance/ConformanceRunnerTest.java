package dev.portico.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.invocation.PorticoSettings;
import dev.portico.invocation.Trace;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's own logic, on synthetic cases written here (no dependency on ../shared/conformance). */
class ConformanceRunnerTest {
    private static final String CASE = """
            {"id": "synthetic-http",
             "route": {"/items": {"post": {"x-amazon-apigateway-integration":
                 {"type": "http_proxy", "httpMethod": "POST", "uri": "{BACKEND_URL}"}}}},
             "backend": {"kind": "http-record", "respond": {"status": 201,
                 "headers": {"Content-Type": "application/json", "X-Backend": "yes"}, "body": "{\\"ok\\":true}"}},
             "request": {"method": "POST", "path": "/items", "query": "a=1&a=x%2By&b=c+d",
                 "headers": {"Content-Type": "application/json", "X-Client": "c", "Cookie": "k1=v1; k2=v2"},
                 "body": "{\\"n\\":1}"},
             "expect": {"status": 201, "headers": {"X-Backend": "yes", "Content-Length": "11", "X-Absent": null},
                 "json": {"ok": true},
                 "backendRequest": {"method": "POST", "path": "/", "headers": {"X-Client": "c"},
                     "queryMulti": {"a": ["1", "2"]}, "bodyJsonSubset": {"n": 1}}}}
            """;

    private static Backends backends;

    @BeforeAll
    static void startBackends() throws Exception {
        backends = new Backends();
    }

    @AfterAll
    static void stopBackends() {
        backends.close();
    }

    // --- events -------------------------------------------------------------------------------------------------

    @Test
    void packagedSampleTakesTheFirstCasesOfEachArea() {
        List<Path> files = List.of("mock-a.json", "mock-b.json", "routing-a.json", "routing-b.json", "routing-c.json",
                "vtl-input-x.json").stream().map(Path::of).toList();

        assertEquals(List.of("mock-a.json", "routing-a.json", "vtl-input-x.json"),
                ConformanceRunner.samplePerArea(files, 1).stream().map(Path::toString).toList());
        assertEquals(5, ConformanceRunner.samplePerArea(files, 2).size());
    }

    @Test
    void albSingleValueKeepsQueryEncodedAndLastValue() throws Exception {
        ObjectNode event = event(EventFormat.ALB);
        assertTrue(event.path("requestContext").path("elb").has("targetGroupArn"));
        assertEquals("x%2By", event.path("queryStringParameters").path("a").asText());
        assertEquals("c+d", event.path("queryStringParameters").path("b").asText());
        assertEquals("c", event.path("headers").path("x-client").asText());
        assertFalse(event.has("multiValueHeaders"));
        assertFalse(event.has("multiValueQueryStringParameters"));
        assertEquals("{\"n\":1}", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
    }

    @Test
    void albMultiValueSendsOnlyListsStillEncoded() throws Exception {
        ObjectNode event = event(EventFormat.ALB_MULTI_VALUE);
        assertEquals(List.of("1", "x%2By"), texts(event.path("multiValueQueryStringParameters").path("a")));
        assertEquals(List.of("c"), texts(event.path("multiValueHeaders").path("x-client")));
        assertFalse(event.has("headers"));
        assertFalse(event.has("queryStringParameters"));
    }

    @Test
    void restV1DecodesQueryAndCarriesBothHeaderMaps() throws Exception {
        ObjectNode event = event(EventFormat.REST_V1);
        assertEquals("x+y", event.path("queryStringParameters").path("a").asText());
        assertEquals("c d", event.path("queryStringParameters").path("b").asText());
        assertEquals(List.of("1", "x+y"), texts(event.path("multiValueQueryStringParameters").path("a")));
        assertEquals("c", event.path("headers").path("X-Client").asText());
        assertEquals(List.of("c"), texts(event.path("multiValueHeaders").path("X-Client")));
        assertEquals("/{proxy+}", event.path("resource").asText());
        assertEquals("items", event.path("pathParameters").path("proxy").asText());
        assertEquals("/dev/items", event.path("requestContext").path("path").asText());
        assertEquals("dev", event.path("requestContext").path("stage").asText());
        assertEquals("req-1", event.path("requestContext").path("requestId").asText());
        assertEquals(CaseFile.SOURCE_IP, event.path("requestContext").path("identity").path("sourceIp").asText());
        assertTrue(event.path("stageVariables").isNull());
    }

    @Test
    void restV1UsesNullForEmptyMapsAndBody() throws Exception {
        CaseFile bare = CaseFile.parse("""
                {"id": "bare", "route": {}, "request": {"method": "GET", "path": "/", "headers": {}}, "expect": {}}
                """);
        ObjectNode event = CallerEvents.event(EventFormat.REST_V1, bare.request().toClientRequest(), "dev", "r");
        assertTrue(event.path("queryStringParameters").isNull());
        assertTrue(event.path("multiValueQueryStringParameters").isNull());
        assertTrue(event.path("pathParameters").isNull());
        assertTrue(event.path("body").isNull());
    }

    @Test
    void httpV2HasRawPartsCookiesAndJoinedQuery() throws Exception {
        ObjectNode event = event(EventFormat.HTTP_V2);
        assertEquals("2.0", event.path("version").asText());
        assertEquals("/items", event.path("rawPath").asText());
        assertEquals("a=1&a=x%2By&b=c+d", event.path("rawQueryString").asText());
        assertEquals("1,x+y", event.path("queryStringParameters").path("a").asText());
        assertEquals(List.of("k1=v1", "k2=v2"), texts(event.path("cookies")));
        assertFalse(event.path("headers").has("cookie"));
        assertEquals("POST", event.path("requestContext").path("http").path("method").asText());
        assertFalse(event.has("multiValueHeaders"));
    }

    @Test
    void albOnlyCaseRunsOnlyItsMode() throws Exception {
        CaseFile alb = CaseFile.parse("""
                {"id": "alb-only", "route": {}, "request": {"eventFormat": "alb", "multiValueHeaders": true,
                 "method": "GET", "path": "/", "headers": {}}, "expect": {}}
                """);
        assertEquals(List.of(EventFormat.ALB_MULTI_VALUE), alb.request().formats());
    }

    @Test
    void formatsThatLoseWhatTheCaseIsAboutAreSkipped() throws Exception {
        CaseFile plain = CaseFile.parse("""
                {"id": "plain", "route": {}, "request": {"method": "GET", "path": "/", "query": "a=1&b=2"}, "expect": {}}
                """);

        assertEquals(List.of(EventFormat.values()), plain.request().formats());
        CaseFile escaped = CaseFile.parse("""
                {"id": "escaped", "route": {}, "request": {"method": "GET", "path": "/a%2Bb"}, "expect": {}}
                """);
        assertEquals(List.of(EventFormat.ALB, EventFormat.ALB_MULTI_VALUE, EventFormat.REST_V1),
                escaped.request().formats(), "an HTTP API decodes the path before the function sees it");
        // The synthetic case repeats "a": a single-value ALB would have dropped the first value itself.
        assertEquals(List.of(EventFormat.ALB_MULTI_VALUE, EventFormat.REST_V1, EventFormat.HTTP_V2),
                synthetic().request().formats());
    }

    // --- comparison ---------------------------------------------------------------------------------------------

    @Test
    void knownGoodAnswerPassesInEveryFormat() throws Exception {
        for (EventFormat format : EventFormat.values()) {
            List<String> mismatches = check(format, goodAnswer(format, 201, "X-Backend", "yes"), goodTrace());
            assertEquals(List.of(), mismatches, format.label());
        }
    }

    @Test
    void wrongStatusHeaderAndBodyAreEachReported() throws Exception {
        ObjectNode answer = goodAnswer(EventFormat.REST_V1, 500, "X-Backend", "no");
        answer.put("body", "{\"ok\":false,\"pad\":1}");
        List<String> mismatches = check(EventFormat.REST_V1, answer, goodTrace());
        assertTrue(mismatches.get(0).startsWith("status 500, expected 201"), mismatches.toString());
        assertTrue(mismatches.contains("header X-Backend is 'no', expected 'yes'"), mismatches.toString());
        assertTrue(mismatches.contains("body is 20 bytes, expected Content-Length 11"), mismatches.toString());
        assertTrue(mismatches.stream().anyMatch(m -> m.startsWith("json '{\"ok\":false")), mismatches.toString());
    }

    @Test
    void headerThatMustBeAbsentIsReported() throws Exception {
        ObjectNode answer = goodAnswer(EventFormat.HTTP_V2, 201, "X-Backend", "yes");
        ((ObjectNode) answer.get("headers")).put("x-absent", "1");
        assertEquals(List.of("header X-Absent is '1', expected absent"), check(EventFormat.HTTP_V2, answer, goodTrace()));
    }

    @Test
    void albShapeRulesAreChecked() throws Exception {
        ObjectNode answer = goodAnswer(EventFormat.ALB, 201, "X-Backend", "yes");
        answer.put("statusDescription", "Created");
        answer.set("multiValueHeaders", CaseFile.JSON.createObjectNode());
        answer.putNull("body");
        List<String> mismatches = check(EventFormat.ALB, answer, goodTrace());
        assertTrue(mismatches.contains("ALB answer has 'multiValueHeaders' but the request used 'headers'"), mismatches.toString());
        assertTrue(mismatches.contains("ALB answer has null 'body'"), mismatches.toString());
        assertTrue(mismatches.contains("ALB statusDescription \"Created\" is not '<statusCode> <reason>'"), mismatches.toString());
    }

    @Test
    void restV1MergesHeaderMapsWithMultiValueCasing() throws Exception {
        JsonNode raw = CaseFile.JSON.readTree("""
                {"statusCode": 200, "multiValueHeaders": {"tesT-Multi": ["value-multi"]},
                 "headers": {"test-multi": "value-solo"}, "body": ""}
                """);
        Answer answer = AnswerDecoder.decode(CaseFile.JSON.writeValueAsBytes(raw), EventFormat.REST_V1);
        assertEquals("value-multi, value-solo", answer.headers().joinedExactCase("tesT-Multi"));
    }

    @Test
    void backendRequestMismatchesAreReported() throws Exception {
        RecordedRequest wrong = new RecordedRequest("GET", "/x", "a=1", new HeaderList(), "{}".getBytes());
        Backends.Trace trace = new Backends.Trace(List.of(wrong), List.of(), Optional.empty());
        List<String> mismatches = check(EventFormat.REST_V1, goodAnswer(EventFormat.REST_V1, 201, "X-Backend", "yes"), trace);
        assertEquals(List.of("backend method GET, expected POST", "backend path '/x', expected '/'",
                "backend header X-Client is null, expected 'c'", "backend query a is [1], expected [1, 2]",
                "backend body lacks 'n'"), mismatches);
    }

    @Test
    void callingABackendThatMustNotBeCalledFails() throws Exception {
        CaseFile mock = CaseFile.parse("""
                {"id": "mock-x", "route": {}, "request": {"method": "GET", "path": "/", "headers": {}},
                 "expect": {"status": 200}}
                """);
        RecordedRequest call = new RecordedRequest("POST", "/", "", new HeaderList(), new byte[0]);
        Answer answer = AnswerDecoder.decode(CaseFile.JSON.writeValueAsBytes(
                goodAnswer(EventFormat.REST_V1, 200, "X", "y")), EventFormat.REST_V1);
        assertEquals(List.of("backend must not be called but got POST /"), Expectations.check(mock,
                EventFormat.REST_V1, answer, new Backends.Trace(List.of(call), List.of(), Optional.empty())));
    }

    // --- runner, backends, report -------------------------------------------------------------------------------

    @Test
    void runnerPassesACaseWhoseGatewayProxiesCorrectly(@TempDir Path dir) throws Exception {
        Path caseFile = dir.resolve("synthetic-http.json");
        Files.writeString(caseFile, CASE);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConformanceRunner runner = new ConformanceRunner(backends, ProxyingGateway::new, new PrintStream(printed));

        List<CaseResult> results = runner.runAll(List.of(caseFile));

        assertTrue(results.get(0).passed(), results.get(0).reason());
        assertEquals(3, results.get(0).runs().size());
        assertEquals("PASS synthetic-http", printed.toString().trim());
    }

    @Test
    void runnerTurnsGatewayFailuresIntoReasons(@TempDir Path dir) throws Exception {
        Path caseFile = dir.resolve("synthetic-http.json");
        Files.writeString(caseFile, CASE);
        Gateway.Launcher broken = (routeFile, settings) -> event -> {
            throw new UnsupportedOperationException("not built yet");
        };
        ConformanceRunner runner = new ConformanceRunner(backends, broken, new PrintStream(new ByteArrayOutputStream()));

        List<CaseResult> results = runner.runAll(List.of(caseFile, dir.resolve("missing.json")));

        assertFalse(results.get(0).passed());
        assertEquals("alb-mv,v1,v2: gateway threw UnsupportedOperationException: not built yet",
                results.get(0).reason());
        assertTrue(results.get(1).reason().startsWith("alb,alb-mv,v1,v2: unreadable case file"),
                results.get(1).reason());
    }

    @Test
    void lambdaStubAnswersByEventFieldAndRecordsTheEvent() throws Exception {
        CaseFile lambdaCase = CaseFile.parse("""
                {"id": "synthetic-lambda", "route": {}, "request": {"method": "GET", "path": "/", "headers": {}},
                 "backend": {"kind": "lambda", "answerByEventField": "code", "answers": {
                     "ok": {"returns": "Pass"},
                     "bad": {"raises": "TypeError: no good"}}},
                 "expect": {}}
                """);
        backends.prepare(lambdaCase);
        String invoke = backends.endpointOverrides().get("lambda") + "/2015-03-31/functions/f/invocations";
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> pass = client.send(HttpRequest.newBuilder(URI.create(invoke))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"ok\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> error = client.send(HttpRequest.newBuilder(URI.create(invoke))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"bad\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("\"Pass\"", pass.body());
        assertTrue(pass.headers().firstValue("X-Amz-Function-Error").isEmpty());
        assertEquals(200, error.statusCode());
        assertEquals("Unhandled", error.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertEquals("{\"errorMessage\":\"no good\",\"errorType\":\"TypeError\"}", error.body());
        assertEquals(2, backends.finishRun(lambdaCase).lambdaInvocations().size());
    }

    @Test
    void reportCarriesTheScoreLineTheRatchetReads(@TempDir Path dir) throws Exception {
        CaseResult pass = new CaseResult("routing-a", Area.ROUTING, List.of(new CaseResult.Run(EventFormat.ALB, List.of())));
        CaseResult fail = CaseResult.failedEverywhere("vtl-b", List.of(EventFormat.REST_V1), "status 500, expected 200");
        Path report = dir.resolve("CONFORMANCE.md");
        Files.writeString(report, Report.render(List.of(pass, fail), "ConformanceRunner cases"));

        assertEquals(OptionalInt.of(1), Report.readScore(report));
        String text = Files.readString(report);
        assertTrue(text.contains("Score: 1/2"), text);
        assertTrue(text.contains("- `vtl-b`: v1: status 500, expected 200"), text);
        assertTrue(text.contains("| Routing | 1 | 1 |"), text);
        assertEquals(OptionalInt.empty(), Report.readScore(dir.resolve("absent.md")));
    }

    @Test
    void areasFollowIdPrefixes() {
        assertEquals(Area.ROUTING, Area.of("routing-unknown-path-403"));
        assertEquals(Area.VTL, Area.of("mock-request-override-carried-to-response-path1"));
        assertEquals(Area.MOCK, Area.of("mock-echo-path-param"));
        assertEquals(Area.PARAMETER_MAPPINGS, Area.of("aws-proxy-forbidden-request-header-mapping-te"));
        assertEquals(Area.HEADERS, Area.of("http-proxy-backend-response-headers-remapped"));
        assertEquals(Area.RESPONSE_SELECTION, Area.of("aws-lambda-selection-pattern-400"));
        assertEquals(Area.PASSTHROUGH_BINARY, Area.of("aws-proxy-binary-accept-star-star"));
        assertEquals(Area.AWS_PROXY, Area.of("aws-proxy-lambda-function-error"));
        assertEquals(Area.AWS, Area.of("aws-sqs-send-message-empty-body"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static CaseFile synthetic() throws Exception {
        return CaseFile.parse(CASE);
    }

    private static ObjectNode event(EventFormat format) throws Exception {
        return CallerEvents.event(format, synthetic().request().toClientRequest(), "dev", "req-1");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> check(EventFormat format, ObjectNode answer, Backends.Trace trace) throws Exception {
        Answer decoded = AnswerDecoder.decode(CaseFile.JSON.writeValueAsBytes(answer), format);
        return Expectations.check(synthetic(), format, decoded, trace);
    }

    private static Backends.Trace goodTrace() {
        HeaderList headers = new HeaderList().add("X-client", "c");
        RecordedRequest request = new RecordedRequest("POST", "/", "a=1&a=2", headers, "{\"n\":1}".getBytes());
        return new Backends.Trace(List.of(request), List.of(), Optional.empty());
    }

    /** A correct answer in the caller's shape: body {"ok":true} (11 bytes) and one extra header. */
    static ObjectNode goodAnswer(EventFormat format, int status, String header, String value) {
        ObjectNode answer = CaseFile.JSON.createObjectNode();
        answer.put("statusCode", status);
        if (format.isAlb()) {
            answer.put("statusDescription", status + " Whatever");
        }
        ObjectNode headers = CaseFile.JSON.createObjectNode().put("Content-Type", "application/json");
        if (format == EventFormat.ALB_MULTI_VALUE) {
            ObjectNode multi = answer.putObject("multiValueHeaders");
            multi.putArray("Content-Type").add("application/json");
            multi.putArray(header).add(value);
        } else {
            answer.set("headers", headers.put(header, value));
        }
        answer.put("isBase64Encoded", false);
        answer.put("body", "{\"ok\":true}");
        return answer;
    }

    /**
     * A stand-in gateway: forwards the request to the {@code {BACKEND_URL}} of its route file with the client's
     * X-Client header, its body and the query a=1&a=2, and answers with the backend's status and headers.
     */
    private static final class ProxyingGateway implements Gateway {
        private final String backendUrl;
        private final HttpClient client = HttpClient.newHttpClient();

        ProxyingGateway(Path routeFile, dev.portico.invocation.PorticoSettings settings) throws Exception {
            backendUrl = CaseFile.JSON.readTree(routeFile.toFile()).at("/paths/~1items/post")
                    .path("x-amazon-apigateway-integration").path("uri").asText();
        }

        @Override
        public byte[] handle(byte[] eventBytes) throws Exception {
            JsonNode event = CaseFile.JSON.readTree(eventBytes);
            EventFormat format = event.has("version") ? EventFormat.HTTP_V2
                    : event.path("requestContext").has("elb")
                    ? (event.has("multiValueHeaders") ? EventFormat.ALB_MULTI_VALUE : EventFormat.ALB)
                    : EventFormat.REST_V1;
            JsonNode headers = format == EventFormat.ALB_MULTI_VALUE ? event.path("multiValueHeaders") : event.path("headers");
            JsonNode clientHeader = headers.has("X-Client") ? headers.get("X-Client") : headers.get("x-client");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(backendUrl + "?a=1&a=2"))
                    .header("X-Client", clientHeader.isArray() ? clientHeader.get(0).asText() : clientHeader.asText())
                    .POST(HttpRequest.BodyPublishers.ofString(event.path("body").asText())).build(),
                    HttpResponse.BodyHandlers.ofString());
            ObjectNode answer = goodAnswer(format, response.statusCode(), "X-Backend",
                    response.headers().firstValue("X-Backend").orElse(""));
            answer.put("body", response.body());
            return CaseFile.JSON.writeValueAsBytes(answer);
        }
    }
}
