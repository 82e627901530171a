package dev.portico;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponses;
import dev.portico.event.BadEventException;
import dev.portico.event.EventDecoder;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.event.ResponseEncoder;
import dev.portico.integration.Integration;
import dev.portico.integration.Integrations;
import dev.portico.mapping.ContextVariables;
import dev.portico.mapping.ParameterSources;
import dev.portico.mapping.RequestValidation;
import dev.portico.mapping.RestrictedHeaders;
import dev.portico.route.IntegrationType;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.route.RouteTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The gateway: event bytes in, answer bytes out. Decodes the caller's event, finds the route, hands the
 * request to the route's integration and encodes the answer in the caller's shape. Every failure ends here as
 * one of API Gateway's gateway responses; nothing escapes as an exception.
 */
public final class Portico {
    private static final Logger LOG = Logger.getLogger(Portico.class);
    private static final String HEALTH_CHECKER = "ELB-HealthChecker/";

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

    /** Loads a route table file (OpenAPI 3 or Swagger 2, JSON or YAML) and serves it. */
    public static Portico fromRouteFile(Path file, PorticoSettings settings) throws IOException {
        return create(RouteTables.loader().load(file.toString(), Files.readAllBytes(file)), settings);
    }

    public PorticoSettings settings() {
        return settings;
    }

    /** Time kept back from the function's own deadline, to encode and return the answer. */
    static final long ANSWER_MARGIN_MILLIS = 250;

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
            LOG.warnf("Rejected event: %s", e.getMessage());
            GatewayException error = GatewayException.badRequest("Bad request", e.getMessage());
            return encoder.encode(GatewayResponses.defaults().render(error, null, null), e.format());
        } catch (RuntimeException e) {
            LOG.error("Event could not be decoded", e);
            GatewayException error = GatewayException.internal("decoder failure", e);
            return encoder.encode(GatewayResponses.defaults().render(error, null, null), null);
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
            LOG.errorf("%s %s -> no route table to serve: %s", request.httpMethod(), request.path(), e.getMessage());
            return GatewayResponses.defaults().render(GatewayException.internal("no route table", e), null, null);
        }
        Invocation invocation = null;
        try {
            RouteMatch match = table.match(request.httpMethod(), request.path())
                    .orElseThrow(() -> GatewayException.missingAuthenticationToken(
                            "no route for " + request.httpMethod() + " " + request.path()));
            invocation = new Invocation(request, match, table, settings, deadlineNanos);
            RequestValidation.validate(invocation);
            Integration integration = integrations.get(match.route().integration().type());
            if (integration == null) {
                throw GatewayException.integrationFailure(
                        match.route().name() + ": integration type " + match.route().integration().type()
                                + " is not available in this build");
            }
            return integration.invoke(invocation);
        } catch (GatewayException e) {
            return gatewayResponse(e, request, table, invocation);
        } catch (RuntimeException e) {
            String where = invocation == null ? "routing" : invocation.route().name();
            return gatewayResponse(GatewayException.internal(where + ": " + e, e), request, table, invocation);
        }
    }

    private OutgoingResponse gatewayResponse(GatewayException error, IncomingRequest request, RouteTable table,
                                             Invocation invocation) {
        if (error.getCause() != null) {
            LOG.errorf(error.getCause(), "%s %s -> %s: %s", request.httpMethod(), request.path(), error.type(),
                    error.logDetail());
        } else {
            LOG.warnf("%s %s -> %s: %s", request.httpMethod(), request.path(), error.type(), error.logDetail());
        }
        Invocation context = invocation != null ? invocation : new Invocation(request, null, table, settings);
        ContextVariables.setError(context.context(), error.getMessage(), error.type().name());
        try {
            return table.gatewayResponses().render(error, context.templateInput(context.bodyAsText()),
                    expression -> ParameterSources.resolve(expression, context));
        } catch (RuntimeException e) {
            LOG.error("Gateway response template failed; answering with the default", e);
            return GatewayResponses.defaults().render(error, null, null);
        }
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
