package dev.portico.gateway;

import dev.portico.event.IncomingRequest;
import dev.portico.invocation.MappedPath;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The step before routing: which API and stage a request is for, and the request as that API sees it. Without API
 * mappings there is one API at the root and the request goes to it unchanged, as it always has. With mappings, the
 * host the client called and the longest base path that the path starts with, segment by segment, choose one,
 * as API Gateway chooses among a custom domain's API mappings ("For API mappings with multiple levels, API
 * Gateway routes requests to the API mapping that has the longest matching path", "Use API mappings to connect
 * API stages to a custom domain name for REST APIs",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html); the base path is then
 * stripped. A host's own mappings come before those of any host ({@code *}), as an ALB's {@code host-header}
 * rule would sit above a catch-all. A request no mapping takes gets {@code 403 Missing Authentication Token}, as
 * a custom domain answers a path it has no mapping for
 * (https://repost.aws/knowledge-center/api-gateway-403-custom-domain).
 *
 * <p>Each API keeps its own table supplier (so its own last good table and refreshes) and each stage its own
 * settings; the router itself never changes after it is built.
 */
public final class ApiRouter {
    /** One API and stage a request can be for. */
    public record Api(String name, Supplier<RouteTable> routes, PorticoSettings settings) {}

    /** The API a request is for and the request as it sees it; {@code mappedPath} is null without mappings. */
    public record Selection(Api api, IncomingRequest request, MappedPath mappedPath) {}

    private record Entry(ApiMapping mapping, Api api) {}

    private final Api single;
    /** Per host (lower case), longest base path first; {@code *} under its own key. */
    private final Map<String, List<Entry>> byHost;
    private final List<Api> apis;

    private ApiRouter(Api single, Map<String, List<Entry>> byHost, List<Api> apis) {
        this.single = single;
        this.byHost = byHost;
        this.apis = apis;
    }

    /** One API at the root: every request goes to it as it came. */
    public static ApiRouter single(Supplier<RouteTable> routes, PorticoSettings settings) {
        Api api = new Api(settings.apiId(), routes, settings);
        return new ApiRouter(api, Map.of(), List.of(api));
    }

    /**
     * @param mappings the mappings, each naming an API and stage that {@code apis} holds
     * @param apis     per mapping, the API and stage it serves, in the same order
     */
    public static ApiRouter mapped(List<ApiMapping> mappings, List<Api> apis) {
        if (mappings.size() != apis.size() || mappings.isEmpty()) {
            throw new IllegalArgumentException("one API per mapping, and at least one mapping");
        }
        Map<String, List<Entry>> byHost = new HashMap<>();
        Map<String, Api> distinct = new LinkedHashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            ApiMapping mapping = mappings.get(i);
            byHost.computeIfAbsent(mapping.host(), h -> new ArrayList<>()).add(new Entry(mapping, apis.get(i)));
            distinct.putIfAbsent(mapping.api() + "/" + mapping.stage(), apis.get(i));
        }
        Map<String, List<Entry>> frozen = new HashMap<>();
        byHost.forEach((host, entries) -> {
            entries.sort(Comparator.comparingInt((Entry e) -> e.mapping().basePath().length()).reversed());
            frozen.put(host, List.copyOf(entries));
        });
        return new ApiRouter(null, Map.copyOf(frozen), List.copyOf(distinct.values()));
    }

    /** Every API and stage served, each once. */
    public List<Api> apis() {
        return apis;
    }

    public boolean isMapped() {
        return single == null;
    }

    /** The API the request is for, or null when no mapping takes it. */
    public Selection select(IncomingRequest request) {
        if (single != null) {
            return new Selection(single, request, null);
        }
        Selection selected = select(byHost.get(ApiMapping.requestHost(request.domainName())), request);
        return selected != null ? selected : select(byHost.get(ApiMapping.ANY_HOST), request);
    }

    private static Selection select(List<Entry> entries, IncomingRequest request) {
        if (entries == null) {
            return null;
        }
        for (Entry entry : entries) {
            IncomingRequest stripped = request.withoutBasePath(entry.mapping().basePath());
            if (stripped != null) {
                return new Selection(entry.api(), stripped,
                        new MappedPath(request.routingPath(), request.routingRawPath()));
            }
        }
        return null;
    }

    /** True while at least one API has a table to serve: what a load balancer's health check asks. */
    public boolean anyServing() {
        for (Api api : apis) {
            try {
                api.routes().get();
                return true;
            } catch (RuntimeException e) {
                // this API has none; another may
            }
        }
        return false;
    }
}
