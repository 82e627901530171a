package dev.portico;

import dev.portico.event.IncomingRequest;
import dev.portico.mapping.ContextVariables;
import dev.portico.mapping.TemplateInput;
import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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

    public Invocation(IncomingRequest request, RouteMatch match, RouteTable table, PorticoSettings settings) {
        this.request = request;
        this.match = match;
        this.table = table;
        this.settings = settings;
        this.context = ContextVariables.of(request, match == null ? null : match.route(), settings);
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

    public RouteTable table() {
        return table;
    }

    public PorticoSettings settings() {
        return settings;
    }

    /** {@code $context}, shared by every template of this request. */
    public Map<String, Object> context() {
        return context;
    }

    /** Template input for the request side: {@code $input.body} is the method request body. */
    public TemplateInput requestTemplateInput(String body) {
        return templateInput(body);
    }

    /** Template input with the given body: the integration response body on the response side. */
    public TemplateInput templateInput(String body) {
        return new TemplateInput(body, pathParameters(), request.query(), request.headers(), context,
                settings.stageVariables());
    }

    public String bodyAsText() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
