package dev.portico.route.source;

import dev.portico.errors.LogText;
import dev.portico.route.AccessControl;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The route table being served, swapped whole when its source has a new version. Loads once when built;
 * after that the first request after each refresh interval asks the source whether the version changed.
 * Lambda freezes the function between invocations, so this checks on demand instead of on a timer. While one
 * request refreshes, the others keep the table they have rather than wait. A failed refresh keeps the last
 * good table, logs the error and counts it (an Error such as OutOfMemoryError from a hostile version too); without
 * any good table every request gets a {@link RouteTableUnavailableException}, which the gateway answers with a
 * 500, and the first request after a second tries the source again.
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

    private final RouteSource source;
    private final Reporter reporter;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicReference<RouteSource.Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastCheck;
    private volatile RuntimeException lastFailure;

    public LiveRouteTable(RouteSource source, Duration refreshInterval) {
        this(source, refreshInterval, LOG_REPORTER);
    }

    public LiveRouteTable(RouteSource source, Duration refreshInterval, Reporter reporter) {
        this(source, refreshInterval, Clock.systemUTC(), reporter);
    }

    /** The wall clock, not {@code nanoTime}: the monotonic clock is not meaningful across a SnapStart restore. */
    LiveRouteTable(RouteSource source, Duration refreshInterval, Clock clock) {
        this(source, refreshInterval, clock, LOG_REPORTER);
    }

    private LiveRouteTable(RouteSource source, Duration refreshInterval, Clock clock, Reporter reporter) {
        this.source = source;
        this.reporter = reporter;
        this.intervalMillis = refreshInterval.toMillis();
        this.clock = clock;
        refresh();
    }

    @Override
    public RouteTable get() {
        if (due() && refreshing.compareAndSet(false, true)) {
            try {
                if (due()) {
                    refresh();
                }
            } finally {
                refreshing.set(false);
            }
        }
        RouteSource.Snapshot snapshot = current.get();
        if (snapshot == null) {
            RuntimeException cause = lastFailure;
            throw new RouteTableUnavailableException("no route table could be loaded from " + source.describe()
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        return snapshot.table();
    }

    /** How many loads or refreshes have failed since start. */
    public long failures() {
        return failures.get();
    }

    /** The version being served, or empty when no table could be loaded yet. */
    public Optional<String> version() {
        return Optional.ofNullable(current.get()).map(RouteSource.Snapshot::version);
    }

    /** While there is no table at all, a request tries again once a second has passed, whatever the interval. */
    static final long RETRY_WITHOUT_TABLE_MILLIS = 1000;

    private boolean due() {
        long now = clock.millis();
        long last = lastCheck;
        long interval = current.get() == null ? Math.min(intervalMillis, RETRY_WITHOUT_TABLE_MILLIS) : intervalMillis;
        return now - last >= interval || now < last;
    }

    private void failed(RuntimeException e, RouteSource.Snapshot known) {
        failures.incrementAndGet();
        lastFailure = e;
        reporter.failed(source, e, known);
    }

    private void refresh() {
        RouteSource.Snapshot known = current.get();
        try {
            source.loadIfChanged(known == null ? null : known.version()).ifPresent(next -> {
                current.set(next);
                reporter.serving(source, next);
            });
        } catch (RuntimeException e) {
            failed(e, known);
        } catch (Error e) {
            // An OutOfMemoryError or StackOverflowError from one bad version must not take down the table in use.
            failed(new RouteTableUnavailableException("loading from " + source.describe() + " failed: " + e, null),
                    known);
        } finally {
            lastCheck = clock.millis();
        }
    }
}
