package dev.portico.route.source;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The API mappings being served, under the same rules as a route table ({@link LiveRouteTable}): read once when
 * built, then checked again by the first request after each refresh interval (Lambda freezes the function
 * between invocations, so there is no timer); while one request checks, the others keep what they have. A read
 * that fails, or finds a mapping that is not valid, keeps the last good mappings, logs why and counts it; without
 * any, {@link #get()} throws {@link RouteTableUnavailableException} (the gateway answers 500) and the first
 * request after a second tries again.
 */
public final class LiveMappings implements Supplier<MappingSource.Snapshot> {
    private static final Logger LOG = Logger.getLogger(LiveMappings.class);

    private final MappingSource source;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicReference<MappingSource.Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastCheck;
    private volatile RuntimeException lastFailure;

    public LiveMappings(MappingSource source, Duration refreshInterval) {
        this(source, refreshInterval, Clock.systemUTC());
    }

    LiveMappings(MappingSource source, Duration refreshInterval, Clock clock) {
        this.source = source;
        this.intervalMillis = refreshInterval.toMillis();
        this.clock = clock;
        refresh();
    }

    /** The mappings to serve, checked against the source when the interval has passed. */
    @Override
    public MappingSource.Snapshot get() {
        if (due() && refreshing.compareAndSet(false, true)) {
            try {
                if (due()) {
                    refresh();
                }
            } finally {
                refreshing.set(false);
            }
        }
        MappingSource.Snapshot snapshot = current.get();
        if (snapshot == null) {
            RuntimeException cause = lastFailure;
            throw new RouteTableUnavailableException("no API mappings could be read from " + source.describe()
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        return snapshot;
    }

    /** How many reads have failed since start. */
    public long failures() {
        return failures.get();
    }

    private boolean due() {
        long now = clock.millis();
        long last = lastCheck;
        long interval = current.get() == null
                ? Math.min(intervalMillis, LiveRouteTable.RETRY_WITHOUT_TABLE_MILLIS) : intervalMillis;
        return now - last >= interval || now < last;
    }

    private void refresh() {
        MappingSource.Snapshot known = current.get();
        try {
            source.loadIfChanged(known == null ? null : known.version()).ifPresent(next -> {
                current.set(next);
                LOG.infof("Serving %d API mappings from %s (version %s)", next.mappings().size(), source.describe(),
                        next.version());
            });
        } catch (RuntimeException e) {
            failed(e, known);
        } catch (Error e) {
            failed(new RouteTableUnavailableException("reading " + source.describe() + " failed: " + e, null), known);
        } finally {
            lastCheck = clock.millis();
        }
    }

    private void failed(RuntimeException e, MappingSource.Snapshot kept) {
        failures.incrementAndGet();
        lastFailure = e;
        // A mapping that does not validate says everything in its message; a trace is for the unforeseen.
        Throwable trace = e instanceof RouteStoreException ? null : e;
        if (kept == null) {
            LOG.errorf(trace, "No API mappings could be read from %s; every request answers 500 until they can: %s",
                    source.describe(), e.getMessage());
        } else {
            LOG.errorf(trace, "Refreshing the API mappings from %s failed; still serving version %s: %s",
                    source.describe(), kept.version(), e.getMessage());
        }
    }
}
