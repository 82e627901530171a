package dev.portico.observability;

import dev.portico.event.IncomingRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request once its answer is known: what the access log line, the metrics and the trace are made of.
 *
 * @param request      the decoded request; null when the event could not be decoded
 * @param invocation   the request's invocation ({@code $context}, the route, the integration call); null before
 *                     routing could start (no route table, an undecodable event)
 * @param status       the status the caller gets
 * @param responseLength the answer's body, in bytes
 * @param latencyNanos from the event's arrival to the encoded answer
 * @param errorMessage the gateway error's message when the answer is one and {@code $context.error} could not
 *                     be filled (no invocation); null otherwise
 * @param errorType    that error's response type ({@code DEFAULT_5XX}...), or null
 */
public record Exchange(IncomingRequest request, Invocation invocation, int status, long responseLength,
                       long latencyNanos, String errorMessage, String errorType) {

    /** {@code $context} of the request, or an empty map without an invocation. */
    public Map<String, Object> context() {
        return invocation == null ? Map.of() : invocation.context();
    }

    /** The matched route's resource path ({@code /pets/{petId}}), or null without one. */
    public String resourcePath() {
        return invocation == null || invocation.route() == null ? null : invocation.route().resourcePath();
    }

    /** The request's method, or null for an undecodable event. */
    public String httpMethod() {
        return request == null ? null : request.httpMethod();
    }

    /** The integration call's latency in milliseconds, or -1 when none was made. */
    public long integrationLatencyMillis() {
        return invocation == null || invocation.integrationNanos() < 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(invocation.integrationNanos());
    }

    public long latencyMillis() {
        return TimeUnit.NANOSECONDS.toMillis(latencyNanos);
    }

    /**
     * {@code $context.integrationStatus}: for a Lambda proxy integration the status Lambda's Invoke API answered
     * (200 whenever it gave a function's answer), else the endpoint's status.
     */
    int integrationServiceStatus() {
        if (invocation == null || invocation.integrationStatus() < 0) {
            return -1;
        }
        IntegrationType type = invocation.route().integration().type();
        return type == IntegrationType.AWS_PROXY ? 200 : invocation.integrationStatus();
    }
}
