package dev.portico.gateway;

import dev.portico.event.IncomingRequest;
import dev.portico.invocation.MappedPath;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.source.MappingSource;
import dev.portico.route.source.RouteTableUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

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
 * settings; the router itself never changes after it is built. A {@linkplain #live live} router follows mappings
 * that change while the function runs (kept in DynamoDB): each new version of them builds a new router, which
 * replaces the old one whole, the APIs' live tables carried over.
 */
public final class ApiRouter {
    private static final Logger LOG = Logger.getLogger(ApiRouter.class);

    /** One API and stage a request can be for. */
    public record Api(String name, Supplier<RouteTable> routes, PorticoSettings settings) {}

    /** The API a request is for and the request as it sees it; {@code mappedPath} is null without mappings. */
    public record Selection(Api api, IncomingRequest request, MappedPath mappedPath) {}

    /** One mapping and the API and stage it serves. */
    public record Entry(ApiMapping mapping, Api api) {}

    private final Api single;
    /**
     * Per host (lower case; {@code *} under its own key), then per first segment of the base path ({@code ""} for the
     * empty base path), longest base path first: a request is compared with the few mappings that share its first
     * segment only, however many APIs there are.
     */
    private final Map<String, Map<String, List<Entry>>> byHost;
    private final List<Api> apis;
    private final List<Entry> entries;
    /** Set for a live router: the router of the mappings' current version; every other field is then unused. */
    private final Supplier<ApiRouter> live;
    /** A live router's settings for the 500 it answers while no mappings could be read. */
    private final PorticoSettings liveSettings;

    private ApiRouter(Api single, Map<String, Map<String, List<Entry>>> byHost, List<Api> apis, List<Entry> entries,
                      Supplier<ApiRouter> live, PorticoSettings liveSettings) {
        this.single = single;
        this.byHost = byHost;
        this.apis = apis;
        this.entries = entries;
        this.live = live;
        this.liveSettings = liveSettings;
    }

    /** One API at the root: every request goes to it as it came. */
    public static ApiRouter single(Supplier<RouteTable> routes, PorticoSettings settings) {
        Api api = new Api(settings.apiId(), routes, settings);
        return new ApiRouter(api, Map.of(), List.of(api), List.of(), null, null);
    }

    /**
     * @param mappings the mappings, each naming an API and stage that {@code apis} holds
     * @param apis     per mapping, the API and stage it serves, in the same order
     */
    public static ApiRouter mapped(List<ApiMapping> mappings, List<Api> apis) {
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("one API per mapping, and at least one mapping");
        }
        return build(mappings, apis);
    }

    /**
     * A router that follows mappings as they change: each request takes the mappings' current snapshot, and a
     * snapshot of another version than the last one builds a new router with {@code build} (once, whichever request
     * sees it first; the others wait for it, as the change is rare and the build cheap once each API's table is
     * loaded). No mappings at all is valid: every request then gets 403, as a custom domain without API mappings
     * answers. While no mappings could ever be read, each request is answered 500; a build that fails keeps the
     * router of the previous version.
     *
     * @param mappings the mappings being served, such as a {@code LiveMappings}; throws while there are none
     * @param build    the router of one version of the mappings, given the mappings (possibly none)
     * @param settings the settings of the 500 answer given while there are no mappings
     */
    public static ApiRouter live(Supplier<MappingSource.Snapshot> mappings,
                                 Function<List<ApiMapping>, ApiRouter> build, PorticoSettings settings) {
        return new ApiRouter(null, Map.of(), List.of(), List.of(), new Follower(mappings, build), settings);
    }

    /** The router of the mappings' latest version, built when the version changes. */
    private static final class Follower implements Supplier<ApiRouter> {
        private record Built(String version, ApiRouter router) {}

        private final Supplier<MappingSource.Snapshot> mappings;
        private final Function<List<ApiMapping>, ApiRouter> build;
        private volatile Built built;
        /** A version whose build failed: not tried again, so that the requests after it are not each slowed. */
        private volatile String failed;

        Follower(Supplier<MappingSource.Snapshot> mappings, Function<List<ApiMapping>, ApiRouter> build) {
            this.mappings = mappings;
            this.build = build;
            try {
                get(); // build the first router at start, so that the first request pays nothing
            } catch (RuntimeException e) {
                // no mappings yet: LiveMappings has logged why, and requests are answered 500 until there are
            }
        }

        @Override
        public ApiRouter get() {
            MappingSource.Snapshot snapshot = mappings.get();
            Built current = built;
            if (current != null && (current.version().equals(snapshot.version())
                    || snapshot.version().equals(failed))) {
                return current.router();
            }
            synchronized (this) {
                current = built;
                if (current == null || (!current.version().equals(snapshot.version())
                        && !snapshot.version().equals(failed))) {
                    try {
                        current = new Built(snapshot.version(), snapshot.mappings().isEmpty()
                                ? build(List.of(), List.of()) : build.apply(snapshot.mappings()));
                        built = current;
                    } catch (RuntimeException e) {
                        if (current == null) {
                            throw e;
                        }
                        failed = snapshot.version();
                        LOG.errorf(e, "API mappings version %s could not be served; still serving version %s",
                                snapshot.version(), current.version());
                    }
                }
                return current.router();
            }
        }
    }

    private static ApiRouter build(List<ApiMapping> mappings, List<Api> apis) {
        if (mappings.size() != apis.size()) {
            throw new IllegalArgumentException("one API per mapping");
        }
        Map<String, List<Entry>> byHost = new HashMap<>();
        Map<String, Api> distinct = new LinkedHashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            ApiMapping mapping = mappings.get(i);
            byHost.computeIfAbsent(mapping.host(), h -> new ArrayList<>()).add(new Entry(mapping, apis.get(i)));
            distinct.putIfAbsent(mapping.api() + "/" + mapping.stage(), apis.get(i));
        }
        Map<String, Map<String, List<Entry>>> frozen = new HashMap<>();
        List<Entry> all = new ArrayList<>();
        byHost.forEach((host, entries) -> {
            entries.sort(Comparator.comparingInt((Entry e) -> e.mapping().basePath().length()).reversed());
            Map<String, List<Entry>> bySegment = new HashMap<>();
            for (Entry entry : entries) {
                bySegment.computeIfAbsent(firstSegment(entry.mapping().basePath()), k -> new ArrayList<>()).add(entry);
            }
            Map<String, List<Entry>> frozenSegments = new HashMap<>();
            bySegment.forEach((segment, list) -> frozenSegments.put(segment, List.copyOf(list)));
            frozen.put(host, Map.copyOf(frozenSegments));
        });
        for (int i = 0; i < mappings.size(); i++) {
            all.add(new Entry(mappings.get(i), apis.get(i)));
        }
        return new ApiRouter(null, Map.copyOf(frozen), List.copyOf(distinct.values()), List.copyOf(all), null, null);
    }

    /** Every API and stage served, each once; for a live router, those of its current mappings (none without). */
    public List<Api> apis() {
        if (live != null) {
            try {
                return live.get().apis();
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        return apis;
    }

    /**
     * The mappings, in the order they were given, each with the API and stage it serves; none for one API at the
     * root. For a live router, its current mappings.
     *
     * @throws RouteTableUnavailableException for a live router while no mappings could be read
     */
    public List<Entry> mappings() {
        return live != null ? live.get().mappings() : entries;
    }

    public boolean isMapped() {
        return single == null;
    }

    /** The API the request is for, or null when no mapping takes it. */
    public Selection select(IncomingRequest request) {
        if (live != null) {
            ApiRouter current;
            try {
                current = live.get();
            } catch (RuntimeException e) {
                RuntimeException cause = e;
                return new Selection(new Api(liveSettings.apiId(), () -> {
                    throw cause instanceof RouteTableUnavailableException none ? none
                            : new RouteTableUnavailableException("no API mappings: " + cause.getMessage(), cause);
                }, liveSettings), request, null);
            }
            return current.select(request);
        }
        if (single != null) {
            return new Selection(single, request, null);
        }
        String segment = firstSegment(request.routingPath());
        Selection selected = select(byHost.get(ApiMapping.requestHost(request.domainName())), segment, request);
        return selected != null ? selected : select(byHost.get(ApiMapping.ANY_HOST), segment, request);
    }

    /** {@code orders} of {@code /orders/beta/1}; {@code ""} of {@code /} and of the empty base path. */
    private static String firstSegment(String path) {
        if (path.length() < 2) {
            return "";
        }
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path.substring(1) : path.substring(1, slash);
    }

    private static Selection select(Map<String, List<Entry>> host, String segment, IncomingRequest request) {
        if (host == null) {
            return null;
        }
        Selection selected = segment.isEmpty() ? null : select(host.get(segment), request);
        return selected != null ? selected : select(host.get(""), request);
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
        if (live != null) {
            try {
                return live.get().anyServing();
            } catch (RuntimeException e) {
                return false;
            }
        }
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
