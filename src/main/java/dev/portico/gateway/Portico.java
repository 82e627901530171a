package dev.portico.gateway;

import dev.portico.errors.GatewayException;
import dev.portico.event.BadEventException;
import dev.portico.event.EventDecoder;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.event.ResponseEncoder;
import dev.portico.integration.Integration;
import dev.portico.integration.Integrations;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.mapping.IntegrationRequestMapping;
import dev.portico.mapping.IntegrationResponseMapping;
import dev.portico.mapping.RequestValidation;
import dev.portico.mapping.RestrictedHeaders;
import dev.portico.route.IntegrationType;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway: event bytes in, answer bytes out, through one stage after another, as API Gateway runs a
 * request: decode the caller's event; find the route; method request (validation); integration request (mapping,
 * or the proxy types' parameter mappings); the integration's call to its endpoint; integration response (mapping,
 * or the proxy types' pass-through); encode the answer in the caller's shape. Every failure becomes one of API
 * Gateway's gateway responses in {@link GatewayResponder}; nothing escapes as an exception.
 */
public final class Portico {
    private static final String HEALTH_CHECKER = "ELB-HealthChecker/";

    /** Time kept back from the function's own deadline, to encode and return the answer. */
    static final long ANSWER_MARGIN_MILLIS = 250;

    private final EventDecoder decoder = new EventDecoder();
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final Supplier<RouteTable> routes;
    private final Map<IntegrationType, Integration> integrations;
    private final PorticoSettings settings;

    /**
     * @param routes       the current route table; read once per request, so a source may swap tables atomically
     * @param integrations one integration per type; a type without one answers as an integration failure
     */
    public Portico(Supplier<RouteTable> routes, Map<IntegrationType, Integration> integrations,
                   PorticoSettings settings) {
        this.routes = routes;
        this.integrations = new EnumMap<>(IntegrationType.class);
        this.integrations.putAll(integrations);
        this.settings = settings;
    }

    /** A gateway over a fixed route table with the standard integrations. */
    public static Portico create(RouteTable table, PorticoSettings settings) {
        return new Portico(() -> table, Integrations.standard(settings), settings);
    }

    public PorticoSettings settings() {
        return settings;
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
        long deadlineNanos = remainingMillis == Invocation.NO_DEADLINE || remainingMillis <= 0 ? Invocation.NO_DEADLINE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis - ANSWER_MARGIN_MILLIS);
        IncomingRequest request;
        try {
            request = decoder.decode(event);
        } catch (BadEventException e) {
            GatewayException error = GatewayException.badRequest("Bad request", "rejected event: " + e.getMessage());
            return encoder.encode(GatewayResponder.answer(error, null, null), e.format());
        } catch (RuntimeException e) {
            return encoder.encode(GatewayResponder.answer(GatewayException.internal("decoder failure", e), null, null),
                    null);
        }
        return encoder.encode(respond(request, deadlineNanos), request.format());
    }

    /** Answers one decoded request with no deadline but the routes' own timeouts. Never throws. */
    public OutgoingResponse respond(IncomingRequest incoming) {
        return respond(incoming, Invocation.NO_DEADLINE);
    }

    /** Answers one decoded request by {@code deadlineNanos} ({@link System#nanoTime()}). Never throws. */
    public OutgoingResponse respond(IncomingRequest incoming, long deadlineNanos) {
        IncomingRequest request = RestrictedHeaders.methodRequest(incoming);
        if (isHealthCheck(request)) {
            return healthy();
        }
        RouteTable table;
        try {
            table = routes.get();
        } catch (RuntimeException e) {
            return GatewayResponder.answer(GatewayException.internal("no route table to serve: " + e.getMessage(), null),
                    request, null);
        }
        Invocation invocation = null;
        try {
            RouteMatch match = table.match(request.httpMethod(), request.path())
                    .orElseThrow(() -> GatewayException.missingAuthenticationToken(
                            "no route for " + request.httpMethod() + " " + request.path()));
            invocation = new Invocation(request, match, table, settings, deadlineNanos);
            return run(invocation);
        } catch (GatewayException e) {
            return GatewayResponder.answer(e, request, orUnrouted(invocation, request, table));
        } catch (RuntimeException e) {
            String where = invocation == null ? "routing" : invocation.route().name();
            return GatewayResponder.answer(GatewayException.internal(where + ": " + e, e), request,
                    orUnrouted(invocation, request, table));
        } catch (StackOverflowError | OutOfMemoryError e) {
            // A last resort behind the bounds: what this request built is garbage now, so the next one is served.
            String where = invocation == null ? "routing" : invocation.route().name();
            return GatewayResponder.answer(GatewayException.internal(where + ": " + e, null), request, null);
        }
    }

    /** The stages after routing, in API Gateway's order. */
    private OutgoingResponse run(Invocation invocation) {
        RequestValidation.validate(invocation);
        IntegrationType type = invocation.route().integration().type();
        Integration integration = integrations.get(type);
        if (integration == null) {
            throw GatewayException.integrationFailure(
                    invocation.route().name() + ": integration type " + type + " is not available in this build");
        }
        IntegrationRequest integrationRequest = IntegrationRequestMapping.of(invocation);
        EndpointResponse endpoint = integration.invoke(integrationRequest, invocation);
        return IntegrationResponseMapping.of(endpoint, invocation);
    }

    /** The invocation a gateway response reads: the request's own, or one without a route for errors before it. */
    private Invocation orUnrouted(Invocation invocation, IncomingRequest request, RouteTable table) {
        return invocation != null ? invocation : new Invocation(request, null, table, settings);
    }

    private boolean isHealthCheck(IncomingRequest request) {
        return request.format().isAlb()
                && request.userAgent().startsWith(HEALTH_CHECKER)
                && request.path().equals(settings.healthCheckPath());
    }

    private static OutgoingResponse healthy() {
        Headers headers = new Headers().set("Content-Type", "text/plain").freeze();
        return new OutgoingResponse(200, headers, "OK".getBytes(StandardCharsets.UTF_8), false);
    }
}
