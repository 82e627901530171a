package dev.portico.route.source;

import dev.portico.errors.LogText;
import dev.portico.route.AccessControl;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The route table being served, swapped whole when its source has a new version, by the rule of {@link Refreshing}:
 * loaded once when built, then asked for a newer version by the first request after each refresh interval; a failed
 * load keeps the last good table; with none, every request gets a {@link RouteTableUnavailableException}, which the
 * gateway answers with a 500.
 */
public final class LiveRouteTable implements Supplier<RouteTable> {
    private static final Logger LOG = Logger.getLogger(LiveRouteTable.class);

    /** Told of each table that starts being served and of each load that fails. */
    public interface Reporter {
        void serving(RouteSource source, RouteSource.Snapshot next);

        /** @param kept the table still served, or null when there is none */
        void failed(RouteSource source, RuntimeException failure, RouteSource.Snapshot kept);
    }

    /** Reports to the log: what a deployed function does. */
    public static final Reporter LOG_REPORTER = new Reporter() {
        @Override
        public void serving(RouteSource source, RouteSource.Snapshot next) {
            LOG.infof("Serving %d routes from %s (version %s)", next.table().routes().size(), source.describe(),
                    next.version());
            for (Route route : next.table().routes()) {
                AccessControl access = route.access();
                if (!access.upstream().isEmpty()) {
                    LOG.warnf("%s: access control %s; Portico does not check it "
                            + "(portico.access-control.enforced-upstream)", route.name(),
                            new AccessControl(access.upstream()).describe());
                }
                if (access.authorizer() != null) {
                    LOG.infof("%s: authorizer %s, enforced by Portico", route.name(), access.authorizer().describe());
                }
                if (access.apiKeyRequired()) {
                    LOG.infof("%s: API key from the %s, enforced by Portico", route.name(),
                            access.apiKey() == dev.portico.route.ApiKeySource.HEADER ? "x-api-key header"
                                    : "authorizer's usageIdentifierKey");
                }
            }
        }

        @Override
        public void failed(RouteSource source, RuntimeException e, RouteSource.Snapshot kept) {
            // A table that does not validate says everything in its message; any other failure is told by its
            // messages, without a trace or the source's endpoint address (LogText).
            String why = e instanceof InvalidRouteTableException ? e.getMessage() : LogText.of(e);
            if (kept == null) {
                LOG.errorf("No route table could be loaded from %s; every request answers 500 until one can: %s",
                        source.describe(), why);
            } else {
                LOG.errorf("Refreshing the route table from %s failed; still serving version %s: %s",
                        source.describe(), kept.version(), why);
            }
        }
    };

    private final Refreshing<RouteSource.Snapshot> served;

    public LiveRouteTable(RouteSource source, Duration refreshInterval) {
        this(source, refreshInterval, LOG_REPORTER);
    }

    public LiveRouteTable(RouteSource source, Duration refreshInterval, Reporter reporter) {
        this(source, refreshInterval, Clock.systemUTC(), reporter);
    }

    LiveRouteTable(RouteSource source, Duration refreshInterval, Clock clock) {
        this(source, refreshInterval, clock, LOG_REPORTER);
    }

    private LiveRouteTable(RouteSource source, Duration refreshInterval, Clock clock, Reporter reporter) {
        this.served = new Refreshing<>(source, refreshInterval, clock, next -> reporter.serving(source, next),
                (failure, kept) -> reporter.failed(source, failure, kept), cause -> "no route table could be loaded "
                        + "from " + source.describe() + (cause == null ? "" : ": " + cause.getMessage()));
    }

    @Override
    public RouteTable get() {
        return served.get().table();
    }

    /** How many loads or refreshes have failed since start. */
    public long failures() {
        return served.failures();
    }

    /** The version being served, or empty when no table could be loaded yet. */
    public Optional<String> version() {
        return served.current().map(RouteSource.Snapshot::version);
    }
}
