package dev.portico.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteTable;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code test [--routes FILE] [--junit FILE] CASES...}: a user's own cases (YAML or JSON: a request, what the stub
 * backends answer, what the caller must get) run through the function's own pipeline against stub backends on
 * 127.0.0.1, in each caller format the file names. Prints PASS or FAIL per case and format, with what differed;
 * {@code --junit} writes JUnit XML for CI. Exit status 0 when every case passes, 1 otherwise, 2 for a usage error
 * or a case file that cannot be read.
 */
final class TestCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: test [--routes FILE] [--enforced-upstream NAMES] [--junit FILE] CASES.yaml...
              Runs each case file's cases through the function's own pipeline against stub backends on
              127.0.0.1, once per caller format the file names (formats: alb, alb-multi, v1, v2; alb when it
              names none), and prints PASS or FAIL for each with what differed. A file's routes: (relative to the
              file) is its route table, else --routes, else PORTICO_ROUTES, else the bundled example. --junit
              writes a JUnit XML report. Exit status 0 when every case passes, 1 when one fails. The format is in
              the README ("Testing an API without deploying it").""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT, "junit"), Set.of(), Set.of());

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_FIELDS = Set.of("routes", "formats", "stageVariables", "cases");
    private static final Set<String> CASE_FIELDS = Set.of("name", "request", "backends", "expect", "formats",
            "stageVariables");
    private static final Set<String> EXPECT_FIELDS = Set.of("status", "headers", "body", "json", "jsonPaths",
            "absentHeaders");

    /** One case in one caller format, and what differed (nothing when it passed). */
    record Result(String file, String name, String format, List<String> failures, double seconds) {
        boolean passed() {
            return failures.isEmpty();
        }
    }

    private TestCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("test", SPEC, args, out, err, line -> {
            if (line.positional().isEmpty()) {
                throw new UserError("missing CASES.yaml");
            }
            PorticoConfig config = Cli.config();
            List<Result> results = new ArrayList<>();
            for (String name : line.positional()) {
                Path file = Path.of(name);
                JsonNode suite = parse(file);
                Path routes = suite.hasNonNull("routes")
                        ? file.toAbsolutePath().getParent().resolve(suite.get("routes").asText())
                        : Cli.routes(line, config);
                RouteTable table = Cli.load(routes, Cli.loader(line, config));
                results.addAll(runSuite(file.toString(), suite, table, Configuration.settings(config)));
            }
            int failed = 0;
            for (Result result : results) {
                out.println((result.passed() ? "PASS " : "FAIL ") + result.file() + ": " + result.name() + " ["
                        + result.format() + "]");
                result.failures().forEach(failure -> out.println(failure.indent(2).stripTrailing()));
                failed += result.passed() ? 0 : 1;
            }
            out.println(results.size() - failed + " passed, " + failed + " failed");
            if (line.option("junit") != null) {
                JunitReport.write(Path.of(line.option("junit")), results);
            }
            return failed == 0 ? 0 : 1;
        });
    }

    /** A case file, YAML or JSON (JSON is YAML too), checked for fields it does not know. */
    static JsonNode parse(Path file) {
        JsonNode suite;
        try {
            suite = YAML.readTree(Cli.read(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new UserError(file + " is not YAML or JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        if (suite == null || !suite.isObject() || !suite.path("cases").isArray() || suite.path("cases").isEmpty()) {
            throw new UserError(file + " has no cases: list (see the README)");
        }
        unknown(file + "", suite, FILE_FIELDS);
        int index = 0;
        for (JsonNode testCase : suite.get("cases")) {
            index++;
            String where = file + " case " + index;
            unknown(where, testCase, CASE_FIELDS);
            if (!testCase.path("request").isObject() || !testCase.path("request").hasNonNull("path")) {
                throw new UserError(where + " has no request.path");
            }
            if (!testCase.path("expect").isObject()) {
                throw new UserError(where + " has no expect:");
            }
            unknown(where + " expect", testCase.get("expect"), EXPECT_FIELDS);
        }
        return suite;
    }

    private static void unknown(String where, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new UserError(where + ": unknown field " + field + " (known: " + String.join(", ",
                        new java.util.TreeSet<>(known)) + ")");
            }
        });
    }

    static List<Result> runSuite(String file, JsonNode suite, RouteTable table, PorticoSettings settings) {
        List<Result> results = new ArrayList<>();
        int index = 0;
        for (JsonNode testCase : suite.get("cases")) {
            index++;
            String name = testCase.path("name").asText("case " + index);
            JsonNode formats = testCase.has("formats") ? testCase.get("formats") : suite.path("formats");
            List<EventFormat> each = new ArrayList<>();
            if (formats.isMissingNode() || formats.isEmpty()) {
                each.add(EventFormat.ALB);
            } else {
                for (JsonNode format : formats) {
                    try {
                        each.add(EventFormat.fromName(format.asText()));
                    } catch (IllegalArgumentException e) {
                        throw new UserError(file + ": " + name + ": " + e.getMessage());
                    }
                }
            }
            Map<String, String> stageVariables = new LinkedHashMap<>(strings(suite.path("stageVariables")));
            stageVariables.putAll(strings(testCase.path("stageVariables")));
            for (EventFormat format : each) {
                long start = System.nanoTime();
                List<String> failures;
                try (StubBackends stubs = stubs(file, name, testCase.path("backends"))) {
                    Workbench.Outcome outcome = Workbench.run(table, settings, stageVariables, stubs,
                            request(testCase.get("request")), format);
                    failures = Expectations.compare(testCase.get("expect"), outcome.answer());
                    if (!failures.isEmpty() && outcome.rehearsal().error() != null) {
                        failures = new ArrayList<>(failures);
                        failures.add("the gateway's error: " + outcome.rehearsal().error().type() + ": "
                                + outcome.rehearsal().error().logDetail());
                    }
                }
                results.add(new Result(file, name, name(format), failures, (System.nanoTime() - start) / 1e9));
            }
        }
        return results;
    }

    private static String name(EventFormat format) {
        return format == EventFormat.ALB_MULTI_VALUE ? "alb-multi" : format.label();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    static ClientRequest request(JsonNode request) {
        String target = request.get("path").asText();
        String query = request.path("query").asText("");
        int question = target.indexOf('?');
        if (question >= 0) {
            query = target.substring(question + 1);
            target = target.substring(0, question);
        }
        HeaderList headers = new HeaderList();
        request.path("headers").fields().forEachRemaining(field -> {
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> headers.add(field.getKey(), value.asText()));
            } else {
                headers.add(field.getKey(), field.getValue().asText());
            }
        });
        byte[] body = request.has("body") ? body(request.get("body")) : null;
        if (body != null && !headers.has("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        return new ClientRequest(request.path("method").asText("GET").toUpperCase(Locale.ROOT), target, query,
                headers, body, "127.0.0.1");
    }

    /** A text body as it is; any other JSON value written as JSON. */
    static byte[] body(JsonNode body) {
        try {
            return body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StubBackends stubs(String file, String name, JsonNode backends) {
        StubBackends stubs = new StubBackends();
        try {
            backends.path("http").fields().forEachRemaining(field -> stubs.http(field.getKey(), answer(field.getValue())));
            backends.path("aws").fields().forEachRemaining(field -> stubs.aws(field.getKey(), answer(field.getValue())));
            backends.path("lambda").fields().forEachRemaining(field -> {
                JsonNode function = field.getValue();
                if (function.has("raises")) {
                    JsonNode raised = function.get("raises");
                    stubs.lambda(field.getKey(), body(raised), raised.path("errorType").asText("Error"));
                } else if (function.has("returns")) {
                    stubs.lambda(field.getKey(), body(function.get("returns")), null);
                } else {
                    throw new UserError(file + ": " + name + ": lambda " + field.getKey() + " needs returns: or raises:");
                }
            });
        } catch (RuntimeException e) {
            stubs.close();
            throw e;
        }
        return stubs;
    }

    private static StubBackends.Answer answer(JsonNode answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> values.add(value.asText()));
            } else {
                values.add(field.getValue().asText());
            }
            headers.put(field.getKey(), values);
        });
        byte[] body = answer.has("body") ? body(answer.get("body")) : new byte[0];
        return new StubBackends.Answer(answer.path("status").asInt(200), headers, body);
    }

    /** What the caller must get, against what it got. */
    static final class Expectations {
        private Expectations() {}

        static List<String> compare(JsonNode expect, Answer answer) {
            List<String> failures = new ArrayList<>();
            if (expect.has("status") && expect.get("status").asInt() != answer.status()) {
                failures.add("status: expected " + expect.get("status").asInt() + ", got " + answer.status()
                        + " (body " + AnswerDecoderText.abbreviate(answer.bodyText()) + ")");
            }
            expect.path("headers").fields().forEachRemaining(field -> {
                String actual = answer.headers().joined(field.getKey());
                String wanted = field.getValue().asText();
                if (actual == null) {
                    failures.add("header " + field.getKey() + ": expected '" + wanted + "', not sent (sent: "
                            + String.join(", ", answer.headers().names()) + ")");
                } else if (!actual.equals(wanted)) {
                    failures.add("header " + field.getKey() + ": expected '" + wanted + "', got '" + actual + "'");
                }
            });
            expect.path("absentHeaders").forEach(header -> {
                if (answer.headers().has(header.asText())) {
                    failures.add("header " + header.asText() + ": expected absent, got '"
                            + answer.headers().joined(header.asText()) + "'");
                }
            });
            if (expect.has("body") && !expect.get("body").asText().equals(answer.bodyText())) {
                failures.add("body differs:\n" + diff(expect.get("body").asText(), answer.bodyText()));
            }
            if (expect.has("json") || expect.has("jsonPaths")) {
                JsonNode actual;
                try {
                    actual = JSON.readTree(answer.body());
                } catch (IOException e) {
                    failures.add("body is not JSON: " + AnswerDecoderText.abbreviate(answer.bodyText()));
                    return failures;
                }
                if (actual == null) {
                    actual = JsonNodeFactory.instance.missingNode();
                }
                if (expect.has("json")) {
                    jsonDiff("$", expect.get("json"), actual, failures);
                }
                JsonNode root = actual;
                expect.path("jsonPaths").fields().forEachRemaining(field -> {
                    JsonNode found = root.at(pointer(field.getKey()));
                    if (found.isMissingNode()) {
                        failures.add(field.getKey() + ": expected " + field.getValue() + ", not in the body "
                                + AnswerDecoderText.abbreviate(answer.bodyText()));
                    } else {
                        jsonDiff(field.getKey(), field.getValue(), found, failures);
                    }
                });
            }
            return failures;
        }

        /** {@code $.a.b[0]} as the JSON pointer {@code /a/b/0}. */
        static String pointer(String path) {
            if (!path.startsWith("$")) {
                throw new UserError("a JSON path starts with $, not " + path);
            }
            String rest = path.substring(1).replaceAll("\\[(\\d+)]", ".$1");
            if (rest.isEmpty()) {
                return "";
            }
            if (!rest.startsWith(".")) {
                throw new UserError("a JSON path is $.name.name[0], not " + path);
            }
            return rest.replace("~", "~0").replace("/", "~1").replace('.', '/');
        }

        /** Every place two JSON values differ; numbers compare by value (1 and 1.0 are one number). */
        static void jsonDiff(String at, JsonNode expected, JsonNode actual, List<String> failures) {
            if (expected.isNumber() && actual.isNumber()) {
                if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                    failures.add(at + ": expected " + expected + ", got " + actual);
                }
            } else if (expected.isObject() && actual.isObject()) {
                expected.fields().forEachRemaining(field -> {
                    JsonNode value = actual.get(field.getKey());
                    if (value == null) {
                        failures.add(at + "." + field.getKey() + ": expected " + field.getValue() + ", missing");
                    } else {
                        jsonDiff(at + "." + field.getKey(), field.getValue(), value, failures);
                    }
                });
                for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!expected.has(name)) {
                        failures.add(at + "." + name + ": not expected, got " + actual.get(name));
                    }
                }
            } else if (expected.isArray() && actual.isArray()) {
                if (expected.size() != actual.size()) {
                    failures.add(at + ": expected " + expected.size() + " elements, got " + actual.size() + ": "
                            + actual);
                    return;
                }
                for (int i = 0; i < expected.size(); i++) {
                    jsonDiff(at + "[" + i + "]", expected.get(i), actual.get(i), failures);
                }
            } else if (!expected.equals(actual)) {
                failures.add(at + ": expected " + expected + ", got " + actual);
            }
        }

        /** The two texts line by line: {@code -} expected, {@code +} got, the common lines once. */
        static String diff(String expected, String actual) {
            List<String> want = expected.lines().toList();
            List<String> got = actual.lines().toList();
            StringBuilder out = new StringBuilder();
            int lines = Math.max(want.size(), got.size());
            for (int i = 0; i < lines; i++) {
                String a = i < want.size() ? want.get(i) : null;
                String b = i < got.size() ? got.get(i) : null;
                if (a != null && a.equals(b)) {
                    out.append("  ").append(a).append('\n');
                    continue;
                }
                if (a != null) {
                    out.append("- ").append(a).append('\n');
                }
                if (b != null) {
                    out.append("+ ").append(b).append('\n');
                }
            }
            if (expected.endsWith("\n") != actual.endsWith("\n")) {
                out.append("(the texts differ in a final newline)\n");
            }
            return out.toString().stripTrailing();
        }
    }

    /** Abbreviating answers in messages, as the callers package does. */
    private static final class AnswerDecoderText {
        static String abbreviate(String text) {
            return dev.portico.tools.callers.AnswerDecoder.abbreviate(text);
        }
    }
}
