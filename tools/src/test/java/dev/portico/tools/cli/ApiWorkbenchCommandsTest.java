package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code portico explain}, {@code portico render} and {@code portico test}, on the example API and on a table with every integration type. */
class ApiWorkbenchCommandsTest {
    private static final String EXAMPLE = Cli.EXAMPLE_ROUTES;
    private static final String EVERY = "tools/src/test/resources/every-integration.yaml";
    private static final String EVERY_CASES = "tools/src/test/resources/every-integration.test.yaml";
    private static final String EXAMPLE_CASES = "tools/examples/example-api.test.yaml";

    @TempDir
    Path dir;

    @Test
    void explainSaysWhichRouteMatchesAndWhy() {
        Result result = run(ExplainCommand::run, "--routes", EXAMPLE, "GET", "/pets/7");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("segment 2 '7': /pets/{petId} takes it"), result.out());
        assertTrue(result.out().contains("matched: GET /pets/{petId} (petId=7)"), result.out());
        assertTrue(result.out().contains("the caller gets: 200 {\"id\": 7, \"name\": \"Pet 7\", \"type\": \"dog\"}"),
                result.out());
    }

    @Test
    void explainSaysWhyNothingMatchesAndWhatTheCallerGets() {
        Result method = run(ExplainCommand::run, "--routes", EXAMPLE, "POST", "/hello");
        assertEquals(1, method.status(), method.err());
        assertTrue(method.out().contains("at /hello: no POST and no ANY (declared: GET, OPTIONS)"), method.out());
        assertTrue(method.out().contains("the path has other methods: GET (GET /hello), OPTIONS (OPTIONS /hello)"),
                method.out());
        assertTrue(method.out().contains("the caller gets: 403 {\"message\":\"Missing Authentication Token\"}"),
                method.out());
        assertTrue(method.out().contains("x-amzn-ErrorType: MissingAuthenticationTokenException"), method.out());
        assertTrue(method.out().contains(ExplainCommand.MISSING_TOKEN_SOURCE), method.out());

        Result cased = run(ExplainCommand::run, "--routes", EXAMPLE, "GET", "/Pets/7");
        assertTrue(cased.out().contains("differs only in case from GET /pets/{petId}: paths are case-sensitive"),
                cased.out());
        Result slashes = run(ExplainCommand::run, "--routes", EXAMPLE, "GET", "/pets//7");
        assertTrue(slashes.out().contains("without the extra slashes, /pets/7 matches GET /pets/{petId}"),
                slashes.out());
    }

    @Test
    void explainNamesTheIntegrationOfEveryTypeWithoutCallingIt() {
        for (String[] request : List.of(new String[] {"GET", "/items/1", "HTTP https://backend.example.com/items/{id}"},
                new String[] {"DELETE", "/proxy/a/b", "HTTP_PROXY http://backend.example.com:8080/{proxy}"},
                new String[] {"POST", "/orders", "AWS_PROXY arn:aws:apigateway"},
                new String[] {"POST", "/queue", "AWS arn:aws:apigateway:us-east-1:sqs"})) {
            Result result = run(ExplainCommand::run, "--routes", EVERY, request[0], request[1]);
            assertEquals(0, result.status(), result.err());
            assertTrue(result.out().contains("integration: " + request[2]), result.out());
            assertTrue(result.out().contains("is not called"), result.out());
        }
        Result root = run(ExplainCommand::run, "--routes", EVERY, "GET", "/proxy");
        assertEquals(1, root.status());
    }

    @Test
    void renderShowsTheIntegrationRequestAsTheBackendReceivesItAndTheMethodResponse() {
        Result result = run(RenderCommand::run, "--routes", EVERY, "--stage-variable", "color=blue",
                "--backend-body", "{\"value\": [1,2]}", "GET", "/items/42");
        assertEquals(0, result.status(), result.out() + result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("POST https://backend.example.com/items/42"), result.out());
        assertTrue(lines.contains("Host: backend.example.com"), result.out());
        assertTrue(lines.contains("X-Item: 42"), result.out());
        assertTrue(lines.contains("{\"item\": \"42\", \"stage\": \"blue\"}"), result.out());
        assertTrue(lines.contains("{\"got\": [1,2]}"), result.out());
    }

    @Test
    void renderRunsTheRequestTemplateOfAMockAndEveryAwsType() {
        Result mock = run(RenderCommand::run, "--routes", EXAMPLE, "GET", "/pets/x");
        assertEquals(0, mock.status(), mock.err());
        assertTrue(mock.out().contains("{\"statusCode\": 404}"), mock.out());
        assertTrue(mock.out().contains("{\"message\": \"No pet with id x\"}"), mock.out());

        Result sqs = run(RenderCommand::run, "--routes", EVERY, "--body", "{\"a\":1}", "POST", "/queue");
        assertEquals(0, sqs.status(), sqs.err());
        assertTrue(sqs.out().contains("POST /123456789012/orders"), sqs.out());
        assertTrue(sqs.out().contains("Action=SendMessage&MessageBody=%7B%22a%22%3A1%7D"), sqs.out());

        Result lambda = run(RenderCommand::run, "--routes", EVERY, "--backend-error", "NotFound", "--backend-body",
                "{\"errorMessage\": \"item not found\", \"errorType\": \"NotFound\"}", "GET", "/lookup?q=x");
        assertEquals(0, lambda.status(), lambda.err());
        assertTrue(lambda.out().contains("{\"q\": \"x\"}"), lambda.out());
        assertTrue(lambda.out().contains("{\"error\": \"item not found\"}"), lambda.out());
        assertTrue(lambda.out().lines().anyMatch(line -> line.equals("404")), lambda.out());

        Result proxy = run(RenderCommand::run, "--routes", EVERY, "--body", "{}", "--backend-body",
                "{\"statusCode\": 201, \"body\": \"made\"}", "POST", "/orders");
        assertEquals(0, proxy.status(), proxy.err());
        assertTrue(proxy.out().contains("\"resource\":\"/orders\""), proxy.out());
        assertTrue(proxy.out().lines().anyMatch(line -> line.equals("made")), proxy.out());
    }

    @Test
    void renderNamesTheLineAndColumnOfATemplateThatFails() {
        Result result = run(RenderCommand::run, "--routes", EVERY, "GET", "/broken");
        assertEquals(1, result.status());
        assertTrue(result.out().contains("failed at line 2, column 18 calling util.parseJson"), result.out());
        assertTrue(result.out().contains("the caller gets: 500 {\"message\": \"Internal server error\"}"),
                result.out());
    }

    @Test
    void testRunsTheExampleSuiteAndTheEveryIntegrationSuiteInEveryCallerFormat() throws Exception {
        Path junit = dir.resolve("report.xml");
        Result result = run(TestCommand::run, "--junit", junit.toString(), EXAMPLE_CASES, EVERY_CASES);
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("44 passed, 0 failed"), result.out());
        for (String format : List.of("alb", "alb-multi", "v1", "v2")) {
            assertTrue(result.out().contains("PASS " + EVERY_CASES + ": AWS service call to SQS [" + format + "]"),
                    result.out());
        }
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList suites = report.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals("20", ((Element) suites.item(0)).getAttribute("tests"));
        assertEquals("24", ((Element) suites.item(1)).getAttribute("tests"));
        assertEquals(0, report.getElementsByTagName("failure").getLength());
    }

    @Test
    void aWrongExpectationFailsWithWhatDifferedAndJunitSaysSo() throws Exception {
        Path cases = write("wrong.yaml", """
                routes: %s
                formats: [alb, v2]
                cases:
                  - name: wrong greeting
                    request: {method: GET, path: '/hello?name=Ada'}
                    expect:
                      status: 201
                      headers: {Cache-Control: no-cache}
                      jsonPaths: {$.message: 'Hello, Bob!'}
                  - name: wrong body
                    request: {method: GET, path: /pets/rex}
                    expect:
                      body: |-
                        {"message": "No pet with id rex"}
                        second line
                """.formatted(Path.of(EXAMPLE).toAbsolutePath()));
        Path junit = dir.resolve("junit.xml");
        Result result = run(TestCommand::run, "--junit", junit.toString(), cases.toString());
        assertEquals(1, result.status(), result.out());
        assertTrue(result.out().contains("FAIL " + cases + ": wrong greeting [v2]"), result.out());
        assertTrue(result.out().contains("status: expected 201, got 200"), result.out());
        assertTrue(result.out().contains("header Cache-Control: expected 'no-cache', got 'no-store'"), result.out());
        assertTrue(result.out().contains("$.message: expected \"Hello, Bob!\", got \"Hello, Ada!\""), result.out());
        assertTrue(result.out().contains("    {\"message\": \"No pet with id rex\"}"), result.out()); // the common line
        assertTrue(result.out().contains("- second line"), result.out());
        assertTrue(result.out().contains("0 passed, 4 failed"), result.out());

        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList failures = report.getElementsByTagName("failure");
        assertEquals(4, failures.getLength());
        Element first = (Element) failures.item(0);
        assertEquals("status: expected 201, got 200 (body {\"message\": \"Hello, Ada!\", \"stage\": \"prod\", "
                + "\"path\": \"/hello\"})", first.getAttribute("message"));
        assertTrue(first.getTextContent().contains("$.message: expected"), first.getTextContent());
        assertEquals("wrong greeting [alb]", ((Element) first.getParentNode()).getAttribute("name"));
    }

    @Test
    void userErrorsPrintOneLineAndExit2() throws Exception {
        Path unknown = write("unknown.yaml", "cases:\n  - request: {path: /hello}\n    expect: {stauts: 200}\n");
        Result result = run(TestCommand::run, unknown.toString());
        assertEquals(2, result.status());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("expect: unknown field stauts"), result.err());

        Result broken = run(TestCommand::run, write("broken.yaml", "cases: [ {").toString());
        assertEquals(2, broken.status());
        assertEquals(1, broken.err().lines().count(), broken.err());
        assertTrue(broken.err().contains("is not YAML or JSON at line"), broken.err());

        for (Result usage : List.of(run(TestCommand::run), run(ExplainCommand::run, "GET"),
                run(RenderCommand::run, "GET", "pets"), run(TestCommand::run, dir.resolve("none.yaml").toString()))) {
            assertEquals(2, usage.status(), usage.err());
            assertEquals(1, usage.err().lines().count(), usage.err());
            assertFalse(usage.err().contains("Exception"), usage.err());
        }
        assertEquals(0, run(TestCommand::run, "--help").status());
    }

    @Test
    void jsonCaseFilesWorkToo() throws Exception {
        Path cases = write("cases.json", """
                {"routes": "%s", "cases": [{"name": "json", "request": {"method": "GET", "path": "/pets/3"},
                  "expect": {"status": 200, "json": {"id": 3.0, "name": "Pet 3", "type": "dog"}}}]}
                """.formatted(Path.of(EXAMPLE).toAbsolutePath()));
        Result result = run(TestCommand::run, cases.toString());
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("1 passed, 0 failed"), result.out());
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private record Result(int status, String out, String err) {}

    @FunctionalInterface
    private interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static Result run(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
