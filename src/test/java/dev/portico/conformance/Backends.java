package dev.portico.conformance;

import dev.portico.invocation.Trace;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stubs behind the integrations, started once per run of the runner and reset between cases and runs:
 * the HTTP stub ({@code {BACKEND_URL}}), the fake Lambda service and, on first use, ElasticMQ for SQS.
 */
final class Backends implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String FUNCTION_NAME = "conformance";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":role/conformance";

    /** What the backends saw during one run. */
    record Trace(List<RecordedRequest> httpRequests, List<RecordedRequest> lambdaInvocations,
                 Optional<SqsBackend.Message> sqsMessage) {}

    private final HttpBackend http = new HttpBackend();
    private final LambdaBackend lambda = new LambdaBackend();
    private SqsBackend sqs;
    private String sqsFailure;

    Backends() throws IOException {}

    /** Placeholder -> value for a case's route and api (see the cases' README). */
    Map<String, String> placeholders(CaseFile testCase) {
        return Map.of(
                "{BACKEND_URL}", http.url(),
                "{REGION}", REGION,
                "{ACCOUNT_ID}", ACCOUNT_ID,
                "{LAMBDA_ARN}", "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + FUNCTION_NAME,
                "{QUEUE_NAME}", SqsBackend.queueName(testCase.id()),
                "{ROLE_ARN}", ROLE_ARN);
    }

    /** Service -> local endpoint, for {@code PorticoSettings.withAwsEndpointOverrides}. */
    Map<String, String> endpointOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("lambda", lambda.url());
        if (sqs != null) {
            overrides.put("sqs", sqs.url());
        }
        return Map.copyOf(overrides);
    }

    /** Points the stubs at a case; for an SQS case starts ElasticMQ if needed and creates the case's queue. */
    void prepare(CaseFile testCase) throws IOException {
        if (testCase.backendKind().equals("sqs")) {
            sqs().createQueue(SqsBackend.queueName(testCase.id()));
        }
        startRun(testCase);
    }

    /** Forgets what the stubs received, before each run. */
    void startRun(CaseFile testCase) {
        http.reset(testCase.backend());
        lambda.reset(testCase.backend());
    }

    /** What the stubs received since {@link #startRun}; takes the message an SQS case left in its queue. */
    Trace finishRun(CaseFile testCase) throws IOException {
        Optional<SqsBackend.Message> message = testCase.backendKind().equals("sqs")
                ? sqs().takeMessage(ACCOUNT_ID, SqsBackend.queueName(testCase.id()))
                : Optional.empty();
        return new Trace(http.received(), lambda.invocations(), message);
    }

    private SqsBackend sqs() throws IOException {
        if (sqs == null && sqsFailure == null) {
            try {
                sqs = new SqsBackend(ACCOUNT_ID);
            } catch (RuntimeException | IOException | LinkageError e) {
                sqsFailure = e.toString();
            }
        }
        if (sqs == null) {
            throw new IOException("no SQS backend: " + sqsFailure);
        }
        return sqs;
    }

    @Override
    public void close() {
        http.close();
        lambda.close();
        if (sqs != null) {
            sqs.close();
        }
    }
}
