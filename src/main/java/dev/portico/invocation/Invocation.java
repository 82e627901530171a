package dev.portico.invocation;

import dev.portico.event.IncomingRequest;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.template.TemplateInput;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request on its way through the gateway: the decoded request, the route it matched, the settings and
 * the {@code $context} that templates read and write. Created after routing; lives for one request.
 */
public final class Invocation {
    private final IncomingRequest request;
    private final RouteMatch match;
    private final RouteTable table;
    private final PorticoSettings settings;
    private final Map<String, Object> context;
    /** The function's own trace header, for a request that carries none. */
    private final String lambdaTrace;
    /** Made on first use ({@link #trace()}): a MOCK answer, for one, carries no trace. */
    private volatile Trace trace;
    private final long deadlineNanos;
    private final MappedPath mappedPath;
    private Map<String, Object> authorizer;
    private long integrationNanos = -1;
    private int integrationStatus = -1;
    private String integrationError;
    private String downstreamParent;
    private String usageIdentifierKey;

    /** An invocation with no deadline of its own: only the route's {@code timeoutInMillis} limits it. */
    public Invocation(IncomingRequest request, RouteMatch match, RouteTable table, PorticoSettings settings) {
        this(request, match, table, settings, NO_DEADLINE);
    }

    /**
     * @param deadlineNanos the {@link System#nanoTime()} by which the answer must be on its way, such as the
     *                      Lambda function's own timeout less a margin; {@link #NO_DEADLINE} for none
     */
    public Invocation(IncomingRequest request, RouteMatch match, RouteTable table, PorticoSettings settings,
                      long deadlineNanos) {
        this(request, match, table, settings, deadlineNanos, null, null);
    }

    /**
     * @param request     the request as the API sees it, any mapping's base path stripped
     * @param mappedPath  the path as the client sent it when an API mapping chose the API, else null
     * @param lambdaTrace the function's own {@code X-Amzn-Trace-Id} (Lambda's {@code _X_AMZN_TRACE_ID}), the
     *                    request's trace when the request carries none; null outside Lambda
     */
    public Invocation(IncomingRequest request, RouteMatch match, RouteTable table, PorticoSettings settings,
                      long deadlineNanos, MappedPath mappedPath, String lambdaTrace) {
        this.mappedPath = mappedPath;
        this.request = request;
        this.match = match;
        this.table = table;
        this.settings = settings;
        this.deadlineNanos = deadlineNanos;
        this.lambdaTrace = lambdaTrace;
        this.context = ContextVariables.of(request, match == null ? null : match.route(), settings, this::trace,
                mappedPath);
    }

    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * How long the integration may take: the route's {@code timeoutInMillis} (29,000 when unset), cut short so
     * that the gateway still answers (504) before the function itself would be stopped.
     */
    public int integrationTimeoutMillis() {
        int configured = route().integration().timeoutMillis();
        return timeoutMillis(configured > 0 ? configured : IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS);
    }

    /** {@code limit}, cut short so that the gateway still answers before the function itself would be stopped. */
    public int timeoutMillis(int limit) {
        if (deadlineNanos == NO_DEADLINE) {
            return limit;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(limit, left));
    }

    /**
     * Records what the route's authorizer said: {@code $context.authorizer.*} for templates and parameter
     * mappings, and {@code requestContext.authorizer} of a Lambda proxy event.
     *
     * @param values {@code principalId}, {@code integrationLatency} and the authorizer's context values
     */
    public void authorized(Map<String, Object> values) {
        this.authorizer = Map.copyOf(values);
        context.put("authorizer", new java.util.LinkedHashMap<>(values));
    }

    /**
     * The API key the route's Lambda authorizer answered ({@code usageIdentifierKey}), which a route reads when the
     * API's {@code x-amazon-apigateway-api-key-source} is AUTHORIZER.
     */
    public void usageIdentifierKey(String key) {
        this.usageIdentifierKey = key;
    }

    /** The authorizer's {@code usageIdentifierKey}, or null. */
    public String usageIdentifierKey() {
        return usageIdentifierKey;
    }

    /** Records the API key the request was admitted with: {@code $context.identity.apiKey} and {@code apiKeyId}. */
    @SuppressWarnings("unchecked")
    public void apiKeyAccepted(String value, String id) {
        if (context.get("identity") instanceof Map<?, ?> identity) {
            ((Map<String, Object>) identity).put("apiKey", value);
            ((Map<String, Object>) identity).put("apiKeyId", id);
        }
    }

    /** What the route's authorizer said ({@link #authorized}), or null when the route has none. */
    public Map<String, Object> authorizer() {
        return authorizer;
    }

    public IncomingRequest request() {
        return request;
    }

    /** The matched route; null only for errors raised before routing. */
    public Route route() {
        return match == null ? null : match.route();
    }

    public Map<String, String> pathParameters() {
        return match == null ? Map.of() : match.pathParameters();
    }

    /** The client's path when an API mapping chose the API (base path included), else null. */
    public MappedPath mappedPath() {
        return mappedPath;
    }

    public RouteTable table() {
        return table;
    }

    public PorticoSettings settings() {
        return settings;
    }

    /** The request's X-Ray trace: what the integration request and the answer carry. */
    public Trace trace() {
        Trace made = trace;
        if (made == null) {
            synchronized (this) {
                made = trace;
                if (made == null) {
                    String header = request.headers().last(Trace.HEADER);
                    trace = made = Trace.of(header != null && !header.isBlank() ? header : lambdaTrace);
                }
            }
        }
        return made;
    }

    /**
     * The trace an integration request carries: the request's, with the parent segment of Portico's own
     * subsegment for the call when tracing records one.
     */
    public Trace downstreamTrace() {
        Trace trace = trace();
        return downstreamParent == null ? trace : new Trace(trace.root(), downstreamParent, trace.sampled());
    }

    /** Names the subsegment that records the integration call, so that the endpoint's segments nest under it. */
    public void downstreamParent(String segmentId) {
        this.downstreamParent = segmentId;
    }

    /**
     * Records the call to the integration's endpoint, for {@code $context.integration.*} in the access log and
     * the IntegrationLatency metric.
     *
     * @param nanos  how long the call took
     * @param status the endpoint's status, or -1 when it gave none (a timeout, a refused connection)
     * @param error  what went wrong, or null
     */
    public void recordIntegration(long nanos, int status, String error) {
        this.integrationNanos = nanos;
        this.integrationStatus = status;
        this.integrationError = error;
    }

    /** How long the endpoint call took, in nanoseconds; -1 when no integration was called. */
    public long integrationNanos() {
        return integrationNanos;
    }

    /** The endpoint's status; -1 when it gave none or none was called. */
    public int integrationStatus() {
        return integrationStatus;
    }

    /** What went wrong calling the endpoint, or null. */
    public String integrationError() {
        return integrationError;
    }

    /** {@code $context}, shared by every template of this request. */
    public Map<String, Object> context() {
        return context;
    }

    /** Template input with the given body: the integration response body on the response side. */
    public TemplateInput templateInput(String body) {
        return new TemplateInput(body, pathParameters(), request.query(), request.headers(), context,
                settings.stageVariables(), deadlineNanos == NO_DEADLINE ? TemplateInput.NO_DEADLINE : deadlineNanos);
    }

    public String bodyAsText() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
