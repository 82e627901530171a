package dev.portico.packaged;

import static dev.portico.packaged.HostileProbes.assertGatewayError;

import dev.portico.integration.aws.LocalLambda;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile Lambda answers behind AWS_PROXY routes, through function.zip: the test function under the real runtime
 * client ({@code fn}, and {@code slow} with Lambda's own 1 s timeout) returns whatever the request's {@code answer}
 * says, malformed or not, or fails; stand-ins behind the same Invoke API answer what no real function can (11 MB,
 * a function error with a stack trace) or never answer at all. API Gateway answers a malformed proxy answer and a
 * function error with 502 {@code Internal server error}, an integration timeout with 504. Every case gets
 * {@link HostileProbes}' checks.
 */
class PackagedHostileLambdaIT {
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int MB = 1024 * 1024;

    @TempDir
    static Path dir;
    private static LocalLambda lambda;
    private static HostileProbes probes;

    @BeforeAll
    static void start() throws Exception {
        lambda = LocalLambda.start()
                .register("huge", event -> Result.success(("{\"statusCode\": 200, \"body\": \"" + "a".repeat(11 * MB)
                        + "\"}").getBytes(StandardCharsets.UTF_8)))
                .register("hugegarbage", event -> Result.success(new byte[11 * MB]))
                .register("hang", event -> {
                    try {
                        Thread.sleep(HostileServer.HANG_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Result.success("{\"statusCode\": 200}".getBytes(StandardCharsets.UTF_8));
                })
                .register("crash", event -> Result.error("java.lang.IllegalStateException", ("{\"errorMessage\":"
                        + "\"connect to 10.0.3.7:5432 failed\",\"errorType\":\"java.lang.IllegalStateException\","
                        + "\"stackTrace\":[\"com.example.Db.open(Db.java:42)\"]}").getBytes(StandardCharsets.UTF_8)));
        String table = HostileProbes.table("hostile-lambda", route("/fn/{proxy+}", "fn", "1.0", TIMEOUT_MILLIS)
                + route("/v2/{proxy+}", "fn", "2.0", TIMEOUT_MILLIS)
                + route("/slow/{proxy+}", "slow", "1.0", 5_000)
                + route("/stub/huge", "huge", "1.0", TIMEOUT_MILLIS)
                + route("/stub/hugegarbage", "hugegarbage", "1.0", TIMEOUT_MILLIS)
                + route("/stub/hang", "hang", "1.0", TIMEOUT_MILLIS)
                + route("/stub/deadline", "hang", "1.0", 29_000)
                + route("/stub/crash", "crash", "1.0", TIMEOUT_MILLIS));
        probes = HostileProbes.start(Map.of("PORTICO_ROUTES", HostileProbes.write(dir.resolve("routes.yaml"), table).toString(),
                "portico.aws.endpoint-override.lambda", lambda.endpoint()),
                lambda.endpoint().substring("http://".length()), dir.toString(), "10.0.3.7", "Db.java");
    }

    private static String route(String path, String function, String payload, int timeout) {
        return """
                  %s:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:%s/invocations
                        payloadFormatVersion: "%s"
                        timeoutInMillis: %d
                """.formatted(path, function, payload, timeout);
    }

    @AfterAll
    static void stop() {
        try {
            if (probes != null) probes.close();
        } finally {
            if (lambda != null) lambda.close();
        }
    }

    /** The function answers {@code answer} verbatim: {@code /fn/x?answer=...} (or {@code /v2/x?...}). */
    private static void assertMalformed(String prefix, String answer) {
        String path = prefix + "/x?answer=" + URLEncoder.encode(answer, StandardCharsets.UTF_8);
        assertGatewayError(probes.probe("GET", path), 502, HostileProbes.INTERNAL_ERROR, prefix + " answering " + answer);
    }

    @Test
    void aWellFormedAnswerIsServed() {
        assertMalformed("/fn", "{\"statusCode\": 99999}"); // warms the function; then the real check
        var answer = probes.probe("GET", "/fn/x?answer=" + URLEncoder.encode(
                "{\"statusCode\": 201, \"headers\": {\"X-Ok\": \"yes\"}, \"body\": \"made\"}", StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertEquals(201, answer.status(), answer.bodyText());
        org.junit.jupiter.api.Assertions.assertEquals("made", answer.bodyText());
    }

    @Test
    void anAnswerThatIsNotJsonIs502() {
        for (String answer : List.of("not json", "{\"statusCode\": 200", "", "[1, 2]", "\"a string\"", "null")) {
            assertMalformed("/fn", answer);
        }
    }

    @Test
    void anAnswerWithWrongTypesIs502() {
        for (String answer : List.of("{\"statusCode\": \"abc\"}", "{\"statusCode\": 200, \"headers\": [\"a\"]}",
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": \"b\"}}", "{\"statusCode\": 200, \"body\": {\"a\": 1}}",
                "{\"statusCode\": {\"a\": 1}}",
                "{\"statusCode\": 200, \"surprise\": true}")) {
            assertMalformed("/fn", answer);
        }
    }

    @Test
    void aStatusCodeOutsideHttpIs502() {
        for (String status : List.of("99999", "-1", "0", "99", "600", "1e3", "2147483648")) {
            assertMalformed("/fn", "{\"statusCode\": " + status + "}");
        }
    }

    /** Payload 1.0 (single and multi-value headers) and 2.0 (headers and cookies) alike. */
    @Test
    void crOrLfInAnAnswersHeadersIs502() {
        for (String answer : List.of("{\"statusCode\": 200, \"headers\": {\"X-A\": \"a\\r\\nSet-Cookie: stolen=1\"}}",
                "{\"statusCode\": 200, \"headers\": {\"X-A\\r\\nSet-Cookie\": \"stolen=1\"}}",
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"X-A\": [\"ok\", \"a\\nb\"]}}",
                "{\"statusCode\": 200, \"headers\": {\"X-A\": \"a\\u0000b\"}}")) {
            assertMalformed("/fn", answer);
        }
        for (String answer : List.of("{\"statusCode\": 200, \"headers\": {\"X-A\": \"a\\r\\nSet-Cookie: stolen=1\"}}",
                "{\"statusCode\": 200, \"cookies\": [\"a=1\\r\\nX-Injected: 1\"]}")) {
            assertMalformed("/v2", answer);
        }
    }

    /** Lambda caps a synchronous answer at 6 MB; what comes over API Gateway's 10 MB anyway is not read whole. */
    @Test
    void aHugeAnswerIs502() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/stub/huge", "/stub/hugegarbage");
    }

    /** A function that throws, and a stand-in whose error carries a stack trace and an address: 502, none of it seen. */
    @Test
    void aFunctionErrorIs502() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/fn/throw", "/stub/crash");
    }

    /** Lambda's own timeout (the function runs 3 s, it may run 1 s): a function error, 502. */
    @Test
    void aFunctionThatTimesOutIs502() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/slow/sleep/3000");
    }

    /**
     * An Invoke API that never answers: 504 at the integration's timeout; with API Gateway's 29 s, 504 before the
     * function's own deadline.
     */
    @Test
    void anInvokeThatNeverAnswersIs504() {
        probes.expectError(504, HostileProbes.TIMED_OUT, "/stub/hang", "/stub/deadline");
    }
}
