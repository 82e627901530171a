package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every hostile case of the probe suite makes, on one packaged function.zip under the Lambda runtime
 * client (512 MB, {@code -XX:+ExitOnOutOfMemoryError}): the invocation succeeds (no runtime error, no timeout) with
 * an answer in the caller's shape, taking turns through the four caller formats; neither that answer nor anything
 * the function has logged holds a credential, a stack trace, a Java class name or an internal address (the
 * backends' {@code 127.0.0.1:port}, the test's file paths); the runtime process's peak resident memory stays under
 * the function's memory size; and the next event, {@code GET /ok}, is answered normally.
 *
 * <p>The function runs with a short timeout ({@link #FUNCTION_TIMEOUT}): an answer not given before it is the
 * emulator's {@code Sandbox.Timedout} error, which fails the case. The route tables give the integrations short
 * {@code timeoutInMillis} values, so hanging backends cost a second, not 29.
 */
final class HostileProbes implements AutoCloseable {
    /** The function's own deadline in these suites: short, yet well past every integration timeout they set. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(8);
    /** Credentials the function runs with: neither may ever be seen in an answer or the log. */
    static final String ACCESS_KEY = "AKIAPROBE0000000LEAK";
    static final String SECRET_KEY = "probe/Secret+Key/that-must-never-leak";
    static final String SESSION_TOKEN = "probe-session-token-that-must-never-leak";
    static final String TIMED_OUT = "Endpoint request timed out";
    static final String INTERNAL_ERROR = "Internal server error";
    private static final int MEMORY_MB = 512;
    /**
     * What a stack trace, an exception's text or a JVM-internal class name looks like. ({@code x-amzn-ErrorType}
     * values such as {@code InternalServerErrorException} are API Gateway's own and allowed.)
     */
    private static final Pattern INTERNALS = Pattern.compile("(\\t|\\\\t)at |Caused by: |\\.java:\\d+|\\b\\w+(Exception|Error): "
            + "|\\b(java|javax|jdk|sun|com\\.sun|dev\\.portico|io\\.vertx|io\\.netty|io\\.quarkus|io\\.smallrye|org\\.jboss"
            + "|software\\.amazon|com\\.amazonaws|com\\.fasterxml)\\.[a-z]\\w*");
    /** The JVM's own notices as it launches the runtime client ("WARNING: A restricted method ..."), not Portico's. */
    private static final Pattern JVM_NOTICE = Pattern.compile("(?m)^WARNING: .*$");

    private final PackagedFunction function;
    private final Log log;
    private final List<String> secrets = new ArrayList<>(List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
    private final AtomicInteger turn = new AtomicInteger();

    private HostileProbes(PackagedFunction function, Log log) {
        this.function = function;
        this.log = log;
    }

    /**
     * Starts function.zip with the credentials above and {@code env}; {@code GET /ok} on its table must answer
     * 200 with {@code {"ok": true}}. {@code internal} lists what must never be seen: addresses and paths.
     */
    static HostileProbes start(Map<String, String> env, String... internal) {
        return start(FUNCTION_TIMEOUT, env, internal);
    }

    /** {@link #start(Map, String...)} with a deadline of the case's own. */
    static HostileProbes start(Duration timeout, Map<String, String> env, String... internal) {
        Map<String, String> all = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_SESSION_TOKEN", SESSION_TOKEN));
        all.putAll(env);
        PackagedFunction.Config base = PackagedFunction.Config.forProject(Path.of("").toAbsolutePath());
        Log log = new Log();
        PackagedFunction.Config config = new PackagedFunction.Config(base.zip(), base.runtimeClasspathFile(),
                base.handler(), base.functionName(), MEMORY_MB, timeout, base.region(), all, log);
        try {
            HostileProbes probes = new HostileProbes(PackagedFunction.start(config), log);
            probes.secrets.addAll(List.of(internal));
            return probes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Something else that must never be seen in an answer or the log, such as a backend's address. */
    HostileProbes forbid(String text) {
        secrets.add(text);
        return this;
    }

    /** Writes a route table file (whose path is one of the things never to be seen). */
    static Path write(Path file, String table) {
        try {
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** One hostile case: {@code method path} with no body, then every check in the class comment. */
    Answer probe(String method, String path) {
        return probe(method, path, null);
    }

    /** One hostile case with a request body, then every check in the class comment. */
    Answer probe(String method, String path, String body) {
        EventFormat format = nextFormat();
        String what = format.label() + " " + method + " " + path;
        Answer answer = answer(format, method, path, body, what);
        Answer next = invoke(format, "GET", "/ok", null, what + ", then GET /ok");
        assertEquals(200, next.status(), what + ", then GET /ok: " + next.bodyText());
        assertEquals("{\"ok\": true}", next.bodyText(), what + ", then GET /ok");
        return answer;
    }

    /** Every check but the next event's, for cases where the function cannot serve yet (no table loaded). */
    Answer answer(String method, String path) {
        EventFormat format = nextFormat();
        return answer(format, method, path, null, format.label() + " " + method + " " + path);
    }

    private Answer answer(EventFormat format, String method, String path, String body, String what) {
        Answer answer = invoke(format, method, path, body, what);
        assertClean(what, answer.raw().toString() + new String(answer.body(), StandardCharsets.UTF_8));
        assertMemory(what);
        assertLogClean(what);
        return answer;
    }

    private EventFormat nextFormat() {
        return EventFormat.values()[Math.floorMod(turn.getAndIncrement(), EventFormat.values().length)];
    }

    /** Invokes once with the checks of the answer alone: no runtime error or timeout, the caller's shape. */
    Answer invoke(EventFormat format, String method, String path, String body, String what) {
        HeaderList headers = new HeaderList().add("Host", "api.example.com").add("Accept", "application/json");
        if (body != null) {
            headers.add("Content-Type", "application/json");
        }
        int query = path.indexOf('?');
        ClientRequest request = new ClientRequest(method, query < 0 ? path : path.substring(0, query),
                query < 0 ? "" : path.substring(query + 1), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "198.51.100.7");
        Result result = function.invoke(CallerEvents.build(format, request, "prod", "probe-" + turn.get()));
        assertFalse(result.isError(), () -> what + ": the runtime reported " + result.errorType() + " "
                + abbreviate(result.payloadText()));
        try {
            Answer answer = AnswerDecoder.decode(result.payload(), format);
            assertTrue(answer.shapeProblems().isEmpty(), () -> what + ": not a " + format + " answer: "
                    + answer.shapeProblems());
            return answer;
        } catch (IOException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * A route table of the suite: {@code GET /ok}, the route every case's next event asks for, and {@code routes}
     * (YAML path items, indented by two).
     */
    static String table(String title, String routes) {
        return """
                openapi: 3.0.1
                info: {title: %s, version: "1"}
                paths:
                  /ok:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses: {default: {statusCode: "200", responseTemplates: {application/json: '{"ok": true}'}}}
                """.formatted(title) + routes;
    }

    /** Probes {@code GET} of each path; each must get the gateway's {@code status} and {@code message}. */
    void expectError(int status, String message, String... paths) {
        for (String path : paths) {
            assertGatewayError(probe("GET", path), status, message, path);
        }
    }

    /** The answer's status and the gateway's generic message, as API Gateway gives them. */
    static void assertGatewayError(Answer answer, int status, String message, String what) {
        assertEquals(status, answer.status(), () -> what + ": " + abbreviate(answer.bodyText()));
        assertEquals("{\"message\": \"" + message + "\"}", answer.bodyText().replace("\":\"", "\": \""), what);
    }

    private void assertClean(String what, String text) {
        String leak = leak(text);
        assertTrue(leak == null, () -> what + ": the answer holds \"" + leak + "\": " + abbreviate(text));
    }

    /** Everything the function has logged so far (but the JVM's launch notices) holds none of the forbidden text. */
    void assertLogClean(String what) {
        String text = JVM_NOTICE.matcher(log.text()).replaceAll("");
        String leak = leak(text);
        assertTrue(leak == null, () -> {
            int at = text.indexOf(leak);
            return what + ": the function's log holds \"" + leak + "\": ..."
                    + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 300)) + "...";
        });
    }

    /** The first forbidden text in {@code text}, or null. */
    private String leak(String text) {
        Matcher internal = INTERNALS.matcher(text);
        if (internal.find()) {
            return internal.group();
        }
        return secrets.stream().filter(text::contains).findFirst().orElse(null);
    }

    /** The runtime process's peak resident set ({@code VmHWM}) stays under the function's memory size. */
    void assertMemory(String what) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + function.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    assertTrue(kb < MEMORY_MB * 1024L, what + ": peak resident memory " + kb / 1024 + " MB");
                    return;
                }
            }
        } catch (IOException e) {
            // no /proc (not Linux): the heap limit and ExitOnOutOfMemoryError still end a runaway runtime
        }
    }

    /** The log so far, for cases that look for the message a failure must give. */
    String logText() {
        return log.text();
    }

    PackagedFunction function() {
        return function;
    }

    static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " characters)";
    }

    /** Checks the whole log once more (lines may come after a case's last answer), then stops the function. */
    @Override
    public void close() {
        try {
            assertLogClean("after every case");
        } finally {
            function.close();
        }
    }

    /** The function's output, kept for the checks and copied to the test's stderr. */
    private static final class Log extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            kept.write(b);
            System.err.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            kept.write(bytes, off, len);
            System.err.write(bytes, off, len);
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
