package dev.portico.tools.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the emulator the way a Lambda runtime does, over HTTP. */
class RuntimeApiEmulatorTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:test";

    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeApiEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = RuntimeApiEmulator.start(ARN, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void runtimeReceivesTheEventAndItsResponseCompletesTheInvocation() throws Exception {
        CompletableFuture<Result> result = emulator.invoke(bytes("{\"n\":1}"));

        HttpResponse<String> next = next();
        assertEquals(200, next.statusCode());
        assertEquals("{\"n\":1}", next.body());
        assertEquals(ARN, next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));
        long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline > System.currentTimeMillis() + 25_000);

        assertEquals(202, post("/invocation/" + requestId(next) + "/response", "{\"ok\":true}", null).statusCode());
        Result answer = result.get(5, TimeUnit.SECONDS);
        assertFalse(answer.isError());
        assertEquals("{\"ok\":true}", answer.payloadText());
    }

    @Test
    void nextWaitsForAnEventAndEventsComeInOrder() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(nextRequest(), BodyHandlers.ofString());
        Thread.sleep(200);
        assertFalse(waiting.isDone());

        emulator.invoke(bytes("first"));
        emulator.invoke(bytes("second"));
        assertEquals("first", waiting.get(5, TimeUnit.SECONDS).body());
        assertEquals("second", next().body());
    }

    @Test
    void invocationErrorCarriesTheErrorTypeAndBody() throws Exception {
        CompletableFuture<Result> result = emulator.invoke(bytes("{}"));
        String error = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}";

        post("/invocation/" + requestId(next()) + "/error", error, "java.lang.IllegalStateException");

        Result answer = result.get(5, TimeUnit.SECONDS);
        assertTrue(answer.isError());
        assertEquals("java.lang.IllegalStateException", answer.errorType());
        assertEquals(error, answer.payloadText());
    }

    @Test
    void initErrorFailsPendingAndLaterInvocations() throws Exception {
        CompletableFuture<Result> pending = emulator.invoke(bytes("{}"));

        assertEquals(202, post("/init/error", "{\"errorMessage\":\"no handler\"}", "Runtime.NoSuchHandler").statusCode());

        assertEquals("Runtime.NoSuchHandler", pending.get(5, TimeUnit.SECONDS).errorType());
        Result later = emulator.invoke(bytes("{}")).getNow(null);
        assertEquals("{\"errorMessage\":\"no handler\"}", later.payloadText());
    }

    @Test
    void invocationTimesOutAfterTheFunctionTimeout() throws Exception {
        emulator.close();
        emulator = RuntimeApiEmulator.start(ARN, Duration.ofMillis(100));
        CompletableFuture<Result> result = emulator.invoke(bytes("{}"));
        next();

        Result answer = result.get(5, TimeUnit.SECONDS);
        assertEquals("Sandbox.Timedout", answer.errorType());
        assertTrue(answer.payloadText().contains("Task timed out after 0.10 seconds"), answer.payloadText());
    }

    @Test
    void repliesForUnknownRequestsAndPathsAreRejected() throws Exception {
        assertEquals(400, post("/invocation/no-such-id/response", "{}", null).statusCode());
        assertEquals(404, post("/invocation/next", "{}", null).statusCode());
    }

    private HttpRequest nextRequest() {
        return HttpRequest.newBuilder(uri("/invocation/next")).build();
    }

    private HttpResponse<String> next() throws Exception {
        return http.send(nextRequest(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + emulator.address() + "/2018-06-01/runtime" + path);
    }

    private static String requestId(HttpResponse<?> next) {
        return next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
