package dev.portico.gateway;

import dev.portico.apikey.ApiKeys;
import dev.portico.authorizer.AuthorizerOptions;
import dev.portico.authorizer.Authorizers;
import dev.portico.errors.GatewayException;
import dev.portico.event.BadEventException;
import dev.portico.event.EventDecoder;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.event.ResponseEncoder;
import dev.portico.integration.Integration;
import dev.portico.integration.Integrations;
import dev.portico.integration.aws.AwsProxyIntegration;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.invocation.Trace;
import dev.portico.mapping.IntegrationRequestMapping;
import dev.portico.mapping.IntegrationResponseMapping;
import dev.portico.mapping.RequestValidation;
import dev.portico.mapping.RestrictedHeaders;
import dev.portico.observability.Exchange;
import dev.portico.observability.Observability;
import dev.portico.observability.XRayTracer;
import dev.portico.route.IntegrationType;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The gateway: event bytes in, answer bytes out, through one stage after another, as API Gateway runs a
 * request: decode the caller's event; find the route; method request (the Lambda authorizer, then validation); integration request (mapping,
 * or the proxy types' parameter mappings); the integration's call to its endpoint; integration response (mapping,
 * or the proxy types' pass-through); encode the answer in the caller's shape. Every failure becomes one of API
 * Gateway's gateway responses in {@link GatewayResponder}; nothing escapes as an exception.
 */
public final class Portico {
    private static final Logger LOG = Logger.getLogger(Portico.class);
    private static final String HEALTH_CHECKER = "ELB-HealthChecker/";

    /** Time kept back from the function's own deadline, to encode and return the answer. */
    static final long ANSWER_MARGIN_MILLIS = 250;
    /**
     * The largest answer a caller takes, encoded: an ALB reads at most 1 MB of a Lambda target's response ("Lambda
     * functions as targets", ELB guide); every other caller gets at most Lambda's 6 MB synchronous response
     * ("Lambda quotas").
     */
    static final int MAX_ALB_ANSWER = 1024 * 1024;
    static final int MAX_LAMBDA_ANSWER = 6 * 1024 * 1024;

    private final EventDecoder decoder = new EventDecoder();
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final ApiRouter router;
    private final Map<IntegrationType, Integration> integrations;
    private final PorticoSettings settings;
    private final Authorizers authorizers;
    private final ApiKeys apiKeys;
    private final Observability observability;

    /**
     * @param routes       the current route table; read once per request, so a source may swap tables atomically
     * @param integrations one integration per type; a type without one answers as an integration failure
     */
    public Portico(Supplier<RouteTable> routes, Map<IntegrationType, Integration> integrations,
                   PorticoSettings settings) {
        this(ApiRouter.single(routes, settings), integrations, settings, Observability.off());
    }

    /** @param observability the access log, metrics and tracing of each request */
    public Portico(Supplier<RouteTable> routes, Map<IntegrationType, Integration> integrations,
                   PorticoSettings settings, Observability observability) {
        this(ApiRouter.single(routes, settings), integrations, settings, observability);
    }

    /**
     * A gateway over several APIs and stages, chosen per request by {@code router} before routing.
     *
     * @param settings the function's own: its health check path; each API and stage has its own for the rest
     */
    public Portico(ApiRouter router, Map<IntegrationType, Integration> integrations, PorticoSettings settings) {
        this(router, integrations, settings, Observability.off());
    }

    /** @param observability the access log, metrics and tracing of each request */
    public Portico(ApiRouter router, Map<IntegrationType, Integration> integrations, PorticoSettings settings,
                   Observability observability) {
        this(router, integrations, settings, observability, AuthorizerOptions.defaults(), ApiKeys.none());
    }

    /** @param apiKeys the API key, usage plan and throttling stage */
    public Portico(ApiRouter router, Map<IntegrationType, Integration> integrations, PorticoSettings settings,
                   Observability observability, ApiKeys apiKeys) {
        this(router, integrations, settings, observability, AuthorizerOptions.defaults(), apiKeys);
    }

    /**
     * @param authorizerOptions how identities are verified beyond the route table (ALB signers, app clients)
     * @param apiKeys           the API key, usage plan and throttling stage
     */
    public Portico(ApiRouter router, Map<IntegrationType, Integration> integrations, PorticoSettings settings,
                   Observability observability, AuthorizerOptions authorizerOptions, ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        this.router = router;
        this.observability = observability;
        this.integrations = new EnumMap<>(IntegrationType.class);
        this.integrations.putAll(integrations);
        this.settings = settings;
        this.authorizers = new Authorizers(
                integrations.get(IntegrationType.AWS_PROXY) instanceof AwsProxyIntegration proxy ? proxy.lambda() : null,
                authorizerOptions);
    }

    /** A gateway over a fixed route table with the standard integrations. */
    public static Portico create(RouteTable table, PorticoSettings settings) {
        return new Portico(() -> table, Integrations.standard(settings), settings);
    }

    public PorticoSettings settings() {
        return settings;
    }

    /** The APIs and stages this gateway serves, and how it chooses among them. */
    public ApiRouter router() {
        return router;
    }

    /** Answers one event with no deadline but the routes' own timeouts. Never throws. */
    public byte[] handle(byte[] event) {
        return handle(event, Invocation.NO_DEADLINE);
    }

    /**
     * Answers one event. Never throws.
     *
     * @param remainingMillis how long the function may still run (Lambda's {@code getRemainingTimeInMillis()}):
     *                        integrations are cut short so that a gateway answer still goes out in time; 0 or
     *                        less means unknown
     */
    public byte[] handle(byte[] event, long remainingMillis) {
        return handle(event, remainingMillis, null);
    }

    /**
     * Answers one event, writes its access log line and metrics, and ends the invocation's metrics batch. Never
     * throws.
     *
     * @param lambdaTrace the invocation's own {@code X-Amzn-Trace-Id} from Lambda, the request's trace when the
     *                    request carries none; null outside Lambda
     */
    public byte[] handle(byte[] event, long remainingMillis, String lambdaTrace) {
        // the clock is read only for what reads it (a read costs tens of nanoseconds on a virtual machine)
        long startNanos = observability.records() ? System.nanoTime() : 0;
        Outcome outcome;
        try {
            outcome = answerEvent(event, remainingMillis, lambdaTrace);
        } catch (Throwable e) {
            outcome = unanswered(e);
        }
        if (observability.records() && (outcome.request == null || !isHealthCheck(outcome.request))) {
            try {
                observability.answered(new Exchange(outcome.request, outcome.answered == null ? null
                        : outcome.answered.invocation(), outcome.response.status(), outcome.response.body().length,
                        System.nanoTime() - startNanos, outcome.error == null ? null : outcome.error.getMessage(),
                        outcome.error == null ? null : outcome.error.type().name()));
                observability.invocationDone();
            } catch (Throwable e) {
                LOG.error("access log or metrics failed", e);
            }
        }
        return outcome.encoded;
    }

    /** What one event came to: its request (null when undecodable), answer and bytes. */
    private record Outcome(IncomingRequest request, Answered answered, OutgoingResponse response, byte[] encoded,
                           GatewayException error) {}

    /**
     * The answer when something threw past every stage's own handling (an {@code Error} in encoding, say): the
     * gateway's 500 in the shape most callers read, logged; the runtime's thread lives on to take the next event.
     */
    private Outcome unanswered(Throwable e) {
        GatewayException error = GatewayException.internal("unanswered event: " + e, e);
        OutgoingResponse response = GatewayResponder.answer(error, null, null);
        return new Outcome(null, null, response, encoder.encode(response, null), error);
    }

    private Outcome answerEvent(byte[] event, long remainingMillis, String lambdaTrace) {
        long deadlineNanos = remainingMillis == Invocation.NO_DEADLINE || remainingMillis <= 0 ? Invocation.NO_DEADLINE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis - ANSWER_MARGIN_MILLIS);
        IncomingRequest request;
        try {
            request = decoder.decode(event);
        } catch (BadEventException e) {
            GatewayException error = GatewayException.badRequest("Bad request", "rejected event: " + e.getMessage());
            OutgoingResponse response = GatewayResponder.answer(error, null, null);
            return new Outcome(null, null, response, encoder.encode(response, e.format()), error);
        } catch (RuntimeException e) {
            GatewayException error = GatewayException.internal("decoder failure", e);
            OutgoingResponse response = GatewayResponder.answer(error, null, null);
            return new Outcome(null, null, response, encoder.encode(response, null), error);
        }
        Answered answered = answer(request, deadlineNanos, null, lambdaTrace);
        OutgoingResponse response = answered.response();
        GatewayException refusal = answered.error();
        byte[] encoded = encoder.encode(response, request.format());
        int limit = request.format().isAlb() ? MAX_ALB_ANSWER : MAX_LAMBDA_ANSWER;
        if (encoded.length > limit) {
            String route = answered.invocation() == null || answered.invocation().route() == null ? "no route"
                    : answered.invocation().route().name();
            GatewayException error = GatewayException.integrationFailure(route + ": the answer is " + encoded.length
                    + " bytes once encoded for " + request.format() + ", over the " + limit + " the caller takes");
            Invocation invocation = answered.invocation();
            OutgoingResponse refused = GatewayResponder.answer(error, request, invocation);
            response = withRequestIds(refused, request, invocation, false);
            refusal = invocation == null ? error : null;
            encoded = encoder.encode(response, request.format());
        }
        return new Outcome(request, answered, response, encoded, refusal);
    }

    /** Answers one decoded request with no deadline but the routes' own timeouts. Never throws. */
    public OutgoingResponse respond(IncomingRequest incoming) {
        return respond(incoming, Invocation.NO_DEADLINE);
    }

    /** Answers one decoded request by {@code deadlineNanos} ({@link System#nanoTime()}). Never throws. */
    public OutgoingResponse respond(IncomingRequest incoming, long deadlineNanos) {
        return answer(incoming, deadlineNanos, null, null).response();
    }

    /**
     * Answers one decoded request as {@link #respond} does, keeping what each stage produced (the route, the
     * integration request, the endpoint's answer, the method response, the error that ended the request): for the
     * dev tools' {@code render} and {@code test}. Never throws.
     */
    public Rehearsal rehearse(IncomingRequest incoming) {
        Rehearsal rehearsal = new Rehearsal();
        rehearsal.answer = answer(incoming, Invocation.NO_DEADLINE, rehearsal, null).response();
        return rehearsal;
    }

    /**
     * An answer and the invocation it came from (null before routing), and the error it answers when there is no
     * invocation whose {@code $context.error} holds it.
     */
    private record Answered(OutgoingResponse response, Invocation invocation, GatewayException error) {
        Answered(OutgoingResponse response, Invocation invocation) {
            this(response, invocation, null);
        }
    }

    /**
     * @param rehearsal   where to keep each stage's output, or null
     * @param lambdaTrace the invocation's own trace from Lambda, or null
     */
    private Answered answer(IncomingRequest incoming, long deadlineNanos, Rehearsal rehearsal, String lambdaTrace) {
        IncomingRequest client = RestrictedHeaders.methodRequest(incoming);
        if (isHealthCheck(client)) {
            return new Answered(router.anyServing() ? plain(200, "OK") : plain(503, "no route table loaded"), null);
        }
        ApiRouter.Selection selection = router.select(client);
        if (selection == null) {
            String host = client.domainName();
            GatewayException error = GatewayException.missingAuthenticationToken("no API mapping for host "
                    + abbreviate(host, 100) + " and path " + abbreviate(client.path(), 200));
            return new Answered(withRequestIds(GatewayResponder.answer(error, client, null), client, null, false),
                    null, error);
        }
        IncomingRequest request = selection.request();
        PorticoSettings settings = selection.api().settings();
        RouteTable table;
        try {
            table = selection.api().routes().get();
        } catch (RuntimeException e) {
            GatewayException error = GatewayException.internal("no route table to serve: " + e.getMessage(), null);
            return new Answered(withRequestIds(GatewayResponder.answer(error, request, null), request, null, false),
                    null, error);
        }
        Invocation invocation = null;
        try {
            RouteMatch match = table.match(request.httpMethod(), request.routingPath())
                    .orElseThrow(() -> GatewayException.missingAuthenticationToken(
                            "no route for " + request.httpMethod() + " " + request.path()));
            invocation = new Invocation(request, match, table, settings, deadlineNanos, selection.mappedPath(),
                    lambdaTrace);
            if (rehearsal != null) {
                rehearsal.match = match;
            }
            return new Answered(withRequestIds(run(invocation, rehearsal, lambdaTrace), request, invocation, true),
                    invocation);
        } catch (GatewayException e) {
            if (rehearsal != null) {
                rehearsal.error = e;
            }
            Invocation context = orUnrouted(invocation, request, table, selection, lambdaTrace);
            return new Answered(withRequestIds(GatewayResponder.answer(e, request, context), request, context, false),
                    context);
        } catch (RuntimeException e) {
            String where = invocation == null ? "routing" : invocation.route().name();
            Invocation context = orUnrouted(invocation, request, table, selection, lambdaTrace);
            GatewayException error = GatewayException.internal(where + ": " + e, e);
            if (rehearsal != null) {
                rehearsal.error = error;
            }
            return new Answered(withRequestIds(GatewayResponder.answer(error, request, context), request, context,
                    false), context);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // A last resort behind the bounds: what this request built is garbage now, so the next one is served.
            String where = invocation == null ? "routing" : invocation.route().name();
            GatewayException error = GatewayException.internal(where + ": " + e, null);
            return new Answered(withRequestIds(GatewayResponder.answer(error, request, null), request, null, false),
                    null, error);
        } catch (Throwable e) {
            // Any other Error (a LinkageError such as a native image's MissingReflectionRegistrationError, an
            // AssertionError) is this request's 500, logged with its route, never the end of the runtime's thread.
            String where = invocation == null ? "routing" : invocation.route().name();
            GatewayException error = GatewayException.internal(where + ": " + e, e);
            if (rehearsal != null) {
                rehearsal.error = error;
            }
            return new Answered(withRequestIds(GatewayResponder.answer(error, request, null), request, null, false),
                    null, error);
        }
    }

    /**
     * The headers API Gateway puts on every answer it gives: {@code x-amzn-RequestId} ({@code $context.requestId})
     * and {@code x-amz-apigw-id} ({@code $context.extendedRequestId}); and on an integration's own answer, except a
     * MOCK's or an HTTP_PROXY backend's, the request's {@code X-Amzn-Trace-Id}. Recorded on AWS: LocalStack's
     * {@code test_apigateway_common.snapshot.json} ({@code test_invocation_trace_id}: a MOCK answer has none, an
     * AWS_PROXY answer the caller's trace) and {@code test_apigateway_http.snapshot.json}.
     */
    private static OutgoingResponse withRequestIds(OutgoingResponse response, IncomingRequest request,
                                                   Invocation invocation, boolean integrationAnswer) {
        Headers headers = response.headers().copy();
        headers.set("x-amzn-RequestId", request.requestId());
        headers.set("x-amz-apigw-id", invocation != null ? String.valueOf(invocation.context().get("extendedRequestId"))
                : ContextVariables.extendedRequestId(request.requestId()));
        if (integrationAnswer) {
            IntegrationType type = invocation.route().integration().type();
            if (type != IntegrationType.MOCK && type != IntegrationType.HTTP_PROXY) {
                headers.set(Trace.HEADER, invocation.trace().header());
            }
        }
        return new OutgoingResponse(response.status(), headers.freeze(), response.body(), response.binary());
    }

    /**
     * The stages after routing, in API Gateway's order: the authorizer first (a request without its token answers
     * 401 even when it would fail validation too), then the API key, usage plan throttle and quota (after the
     * authorizer, whose usageIdentifierKey can be the key), then request validation.
     */
    private OutgoingResponse run(Invocation invocation, Rehearsal rehearsal, String lambdaTrace) {
        authorizers.authorize(invocation);
        apiKeys.check(invocation);
        RequestValidation.validate(invocation);
        IntegrationType type = invocation.route().integration().type();
        Integration integration = integrations.get(type);
        if (integration == null) {
            throw GatewayException.integrationFailure(
                    invocation.route().name() + ": integration type " + type + " is not available in this build");
        }
        IntegrationRequest integrationRequest = IntegrationRequestMapping.of(invocation);
        if (rehearsal != null) {
            rehearsal.integrationRequest = integrationRequest;
        }
        EndpointResponse endpoint = call(integration, integrationRequest, invocation, lambdaTrace);
        if (rehearsal != null) {
            rehearsal.endpoint = endpoint;
        }
        OutgoingResponse methodResponse = IntegrationResponseMapping.of(endpoint, invocation);
        if (rehearsal != null) {
            rehearsal.methodResponse = methodResponse;
        }
        return methodResponse;
    }

    /** The invocation a gateway response reads: the request's own, or one without a route for errors before it. */
    private static Invocation orUnrouted(Invocation invocation, IncomingRequest request, RouteTable table,
                                         ApiRouter.Selection selection, String lambdaTrace) {
        return invocation != null ? invocation : new Invocation(request, null, table, selection.api().settings(),
                Invocation.NO_DEADLINE, selection.mappedPath(), lambdaTrace);
    }

    /**
     * The integration's call to its endpoint, timed for {@code $context.integration.*} and the IntegrationLatency
     * metric, and recorded as an X-Ray subsegment when tracing is on.
     */
    private EndpointResponse call(Integration integration, IntegrationRequest request, Invocation invocation,
                                  String lambdaTrace) {
        XRayTracer tracer = observability.tracer();
        XRayTracer.Call traced = tracer == null ? null : tracer.start(invocation, lambdaTrace);
        // timed only when the access log or metrics will read it ($context.integration.latency, IntegrationLatency)
        boolean timed = observability.records();
        long start = timed ? System.nanoTime() : 0;
        int status = -1;
        try {
            EndpointResponse endpoint = integration.invoke(request, invocation);
            status = endpoint.status();
            invocation.recordIntegration(elapsed(timed, start), status, null);
            return endpoint;
        } catch (GatewayException e) {
            invocation.recordIntegration(elapsed(timed, start), -1, e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            invocation.recordIntegration(elapsed(timed, start), -1, e.toString());
            throw e;
        } finally {
            if (traced != null) {
                traced.end(invocation, status);
            }
        }
    }

    /** Nanoseconds since {@code start}, or 0 when the call is not timed. */
    private static long elapsed(boolean timed, long start) {
        return timed ? System.nanoTime() - start : 0;
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    private boolean isHealthCheck(IncomingRequest request) {
        return request.format().isAlb()
                && request.userAgent().startsWith(HEALTH_CHECKER)
                && request.path().equals(settings.healthCheckPath());
    }

    /**
     * An answer to the load balancer's health check: 200 while a route table is served, 503 while none could be
     * loaded, so that the target is taken out of service instead of answering every request with 500.
     */
    private static OutgoingResponse plain(int status, String text) {
        Headers headers = new Headers().set("Content-Type", "text/plain").freeze();
        return new OutgoingResponse(status, headers, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
