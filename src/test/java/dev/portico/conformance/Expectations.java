package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.invocation.Trace;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.QueryString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one run's answer and backend trace against a case's {@code expect}; every mismatch is one line. The cases
 * were recorded against real API Gateway: where a case and AWS's documentation disagree, the recorded case wins,
 * so these checks follow the case files literally (with the few harness allowances documented below).
 */
final class Expectations {
    private static final Set<String> KNOWN = Set.of("status", "headers", "headersExactCase", "body", "bodyBase64",
            "json", "jsonSubset", "backendRequest", "lambdaEvent", "albResponseSubset", "albResponseAbsentKeys",
            "sideEffect", "headersMatching");
    /** JSON equality where 1 and 1.0 are the same number. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final CaseFile testCase;
    private final EventFormat format;
    private final JsonNode expect;
    private final List<String> mismatches = new ArrayList<>();

    private Expectations(CaseFile testCase, EventFormat format) {
        this.testCase = testCase;
        this.format = format;
        this.expect = testCase.expect();
    }

    static List<String> check(CaseFile testCase, EventFormat format, Answer answer, Backends.Trace trace) {
        Expectations check = new Expectations(testCase, format);
        check.mismatches.addAll(answer.shapeProblems());
        check.expect.fieldNames().forEachRemaining(key -> {
            if (!KNOWN.contains(key)) {
                check.mismatches.add("unsupported expectation '" + key + "'");
            }
        });
        check.answer(answer);
        check.backendCalls(trace);
        check.sideEffect(trace);
        return check.mismatches;
    }

    private void answer(Answer answer) {
        if (expect.has("status") && expect.get("status").asInt() != answer.status()) {
            mismatches.add("status " + answer.status() + ", expected " + expect.get("status").asInt()
                    + bodyHint(answer));
        }
        expect.path("headers").fields().forEachRemaining(e -> header(answer, e.getKey(), e.getValue(), false));
        expect.path("headersMatching").fields().forEachRemaining(e -> {
            String actual = answer.headers().joined(e.getKey());
            if (actual == null || !actual.matches(e.getValue().asText())) {
                mismatches.add("header " + e.getKey() + " is " + (actual == null ? "missing" : quote(actual))
                        + ", expected to match " + quote(e.getValue().asText()));
            }
        });
        expect.path("headersExactCase").fields().forEachRemaining(e -> header(answer, e.getKey(), e.getValue(), true));
        if (expect.has("body") && !expect.get("body").asText().equals(answer.bodyText())) {
            mismatches.add("body " + quote(answer.bodyText()) + ", expected " + quote(expect.get("body").asText()));
        }
        if (expect.has("bodyBase64")) {
            byte[] expected = Base64.getDecoder().decode(expect.get("bodyBase64").asText());
            if (!Arrays.equals(expected, answer.body())) {
                mismatches.add("body bytes differ (" + answer.body().length + " bytes, base64 "
                        + quote(Base64.getEncoder().encodeToString(answer.body())) + "), expected "
                        + expected.length + " bytes");
            }
        }
        if (expect.has("json") || expect.has("jsonSubset")) {
            json(answer);
        }
        if (format.isAlb() && expect.has("albResponseSubset")) {
            String mismatch = subsetMismatch("ALB answer", expect.get("albResponseSubset"), answer.raw());
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        if (format.isAlb()) {
            expect.path("albResponseAbsentKeys").forEach(key -> {
                if (answer.raw().has(key.asText())) {
                    mismatches.add("ALB answer has '" + key.asText() + "', which must be absent");
                }
            });
        }
    }

    /**
     * One expected response header. {@code null} means absent. Content-Length is compared with the body's byte
     * length instead: the ALB and API Gateway compute it from the body they send, so Portico need not set it.
     * A Date header (also {@code x-amzn-Remapped-Date}) only has to be present: the recordings masked the dates
     * and the JDK stub server always stamps its own Date on the backend's answer.
     */
    private void header(Answer answer, String name, JsonNode expected, boolean exactCase) {
        if (name.equalsIgnoreCase("Content-Length") && !expected.isNull()) {
            if (answer.body().length != expected.asInt()) {
                mismatches.add("body is " + answer.body().length + " bytes, expected Content-Length "
                        + expected.asText());
            }
            return;
        }
        String actual = exactCase ? answer.headers().joinedExactCase(name) : answer.headers().joined(name);
        if (name.toLowerCase(Locale.ROOT).endsWith("date") && !expected.isNull() && actual != null) {
            return;
        }
        if (expected.isNull()) {
            if (actual != null) {
                mismatches.add("header " + name + " is " + quote(actual) + ", expected absent");
            }
        } else if (actual == null) {
            mismatches.add("header " + name + " missing" + (exactCase ? " (exact case)" : "") + ", expected "
                    + quote(expected.asText()) + "; answer headers " + answer.headers().names());
        } else if (!sameHeaderValue(expected.asText(), actual)) {
            mismatches.add("header " + name + " is " + quote(actual) + ", expected " + quote(expected.asText()));
        }
    }

    private void json(Answer answer) {
        JsonNode actual;
        try {
            actual = CaseFile.JSON.readTree(answer.body());
        } catch (IOException e) {
            mismatches.add("body is not JSON: " + quote(answer.bodyText()));
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            mismatches.add("body is empty, expected JSON");
            return;
        }
        if (expect.has("json") && !expect.get("json").equals(NUMERIC, actual)) {
            mismatches.add("json " + quote(actual.toString()) + ", expected " + quote(expect.get("json").toString()));
        }
        if (expect.has("jsonSubset")) {
            String mismatch = subsetMismatch("json", expect.get("jsonSubset"), actual);
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
    }

    private void backendCalls(Backends.Trace trace) {
        String kind = testCase.backendKind();
        boolean httpExpected = kind.startsWith("http-");
        boolean lambdaExpected = kind.equals("lambda") && LambdaBackend.invocable(testCase.backend());
        if (!httpExpected && !trace.httpRequests().isEmpty()) {
            mismatches.add("backend must not be called but got " + trace.httpRequests().get(0).describe());
        }
        if (!lambdaExpected && !trace.lambdaInvocations().isEmpty()) {
            mismatches.add("Lambda must not be invoked but was");
        }
        if (expect.has("backendRequest")) {
            if (trace.httpRequests().isEmpty()) {
                mismatches.add("backend was not called");
            } else {
                backendRequest(expect.get("backendRequest"), trace.httpRequests().get(trace.httpRequests().size() - 1));
            }
        }
        if (expect.has("lambdaEvent")) {
            if (trace.lambdaInvocations().isEmpty()) {
                mismatches.add("Lambda was not invoked");
            } else {
                lambdaEvent(expect.get("lambdaEvent"),
                        trace.lambdaInvocations().get(trace.lambdaInvocations().size() - 1));
            }
        }
    }

    private void backendRequest(JsonNode expected, RecordedRequest got) {
        if (expected.has("method") && !expected.get("method").asText().equals(got.method())) {
            mismatches.add("backend method " + got.method() + ", expected " + expected.get("method").asText());
        }
        if (expected.has("path") && !expected.get("path").asText().equals(got.path())) {
            mismatches.add("backend path " + quote(got.path()) + ", expected " + quote(expected.get("path").asText()));
        }
        expected.path("headers").fields().forEachRemaining(e -> {
            String actual = got.headers().joined(e.getKey());
            if (actual == null || !sameHeaderValue(e.getValue().asText(), actual)) {
                mismatches.add("backend header " + e.getKey() + " is " + quote(actual) + ", expected "
                        + quote(e.getValue().asText()));
            }
        });
        expected.path("headersAbsent").forEach(name -> {
            if (got.headers().has(name.asText())) {
                mismatches.add("backend got header " + name.asText() + ", which must be dropped");
            }
        });
        expected.path("headersPresent").forEach(name -> {
            if (!got.headers().has(name.asText())) {
                mismatches.add("backend did not get header " + name.asText());
            }
        });
        Map<String, List<String>> query = QueryString.multi(got.query(), true);
        expected.path("queryMulti").fields().forEachRemaining(e -> {
            List<String> wanted = new ArrayList<>();
            e.getValue().forEach(v -> wanted.add(v.asText()));
            if (!wanted.equals(query.get(e.getKey()))) {
                mismatches.add("backend query " + e.getKey() + " is " + query.get(e.getKey()) + ", expected " + wanted);
            }
        });
        expected.path("queryAbsent").forEach(key -> {
            if (query.containsKey(key.asText())) {
                mismatches.add("backend got query " + key.asText() + ", which must be absent");
            }
        });
        if (expected.has("body") && !expected.get("body").asText().equals(got.bodyText())) {
            mismatches.add("backend body " + quote(got.bodyText()) + ", expected "
                    + quote(expected.get("body").asText()));
        }
        if (expected.has("bodyJsonSubset")) {
            try {
                String mismatch = subsetMismatch("backend body", expected.get("bodyJsonSubset"),
                        CaseFile.JSON.readTree(got.body()));
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            } catch (IOException e) {
                mismatches.add("backend body is not JSON: " + quote(got.bodyText()));
            }
        }
    }

    /**
     * The AWS_PROXY event the fake Lambda received. Listed keys must be equal, except {@code requestContext}, which is
     * a subset (the real one has many more fields). {@code headersSubset} names are matched exactly for REST v1
     * runs and case-insensitively for ALB and v2 runs: those callers lower-case header names before Portico sees
     * them, so the client's casing cannot reach the Lambda.
     */
    private void lambdaEvent(JsonNode expected, RecordedRequest invocation) {
        JsonNode event;
        try {
            event = CaseFile.JSON.readTree(invocation.body());
        } catch (IOException e) {
            mismatches.add("Lambda event is not JSON: " + quote(invocation.bodyText()));
            return;
        }
        expected.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode actual = event.get(key);
            if (key.equals("headersSubset")) {
                lambdaHeaders(e.getValue(), event.path("headers"));
            } else if (key.equals("requestContext")) {
                String mismatch = subsetMismatch("Lambda event requestContext", e.getValue(), event.path(key));
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            } else if (actual == null) {
                mismatches.add("Lambda event lacks '" + key + "', expected " + quote(e.getValue().toString()));
            } else if (!e.getValue().equals(NUMERIC, actual)) {
                mismatches.add("Lambda event " + key + " is " + quote(actual.toString()) + ", expected "
                        + quote(e.getValue().toString()));
            }
        });
    }

    private void lambdaHeaders(JsonNode expected, JsonNode headers) {
        boolean ignoreCase = format != EventFormat.REST_V1;
        expected.fields().forEachRemaining(e -> {
            JsonNode actual = ignoreCase ? fieldIgnoringCase(headers, e.getKey()) : headers.get(e.getKey());
            if (actual == null || !actual.asText().equals(e.getValue().asText())) {
                mismatches.add("Lambda event header " + e.getKey() + " is " + (actual == null ? "missing"
                        : quote(actual.asText())) + ", expected " + quote(e.getValue().asText()));
            }
        });
    }

    private void sideEffect(Backends.Trace trace) {
        JsonNode effect = expect.path("sideEffect");
        if (!effect.has("sqsMessageBody") && !effect.has("md5OfBody")) {
            return;
        }
        if (trace.sqsMessage().isEmpty()) {
            mismatches.add("no message reached the SQS queue");
            return;
        }
        SqsBackend.Message message = trace.sqsMessage().get();
        if (effect.has("sqsMessageBody") && !effect.get("sqsMessageBody").asText().equals(message.body())) {
            mismatches.add("SQS message body " + quote(message.body()) + ", expected "
                    + quote(effect.get("sqsMessageBody").asText()));
        }
        if (effect.has("md5OfBody") && !effect.get("md5OfBody").asText().equals(message.md5OfBody())) {
            mismatches.add("SQS MD5OfBody " + message.md5OfBody() + ", expected " + effect.get("md5OfBody").asText());
        }
    }

    /** The first place where {@code actual} does not contain {@code expected}, or {@code null}. */
    static String subsetMismatch(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                return where + " is " + quote(String.valueOf(actual)) + ", expected an object";
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = actual.has(e.getKey()) ? actual.get(e.getKey()) : fieldIgnoringCase(actual, e.getKey());
                if (value == null) {
                    return where + " lacks '" + e.getKey() + "'";
                }
                String mismatch = subsetMismatch(where + "." + e.getKey(), e.getValue(), value);
                if (mismatch != null) {
                    return mismatch;
                }
            }
            return null;
        }
        return expected.equals(NUMERIC, actual) ? null
                : where + " is " + quote(actual.toString()) + ", expected " + quote(expected.toString());
    }

    private static JsonNode fieldIgnoringCase(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Equal, or equal once list separators are normalised (v2 joins repeated values with "," and REST with ", "). */
    private static boolean sameHeaderValue(String expected, String actual) {
        return expected.equals(actual) || normaliseList(expected).equals(normaliseList(actual));
    }

    private static String normaliseList(String value) {
        return String.join(",", Arrays.stream(value.split(",")).map(String::trim).toList());
    }

    private static String bodyHint(Answer answer) {
        return answer.body().length == 0 ? "" : " (body " + quote(answer.bodyText()) + ")";
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + AnswerDecoder.abbreviate(text) + "'";
    }
}
