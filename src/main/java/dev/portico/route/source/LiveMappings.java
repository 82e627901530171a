package dev.portico.route.source;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The API mappings being served, by the rule a route table is ({@link Refreshing}): read once when built, then
 * checked again by the first request after each refresh interval. A read that fails, or finds a mapping that is not
 * valid, keeps the last good mappings, logs why and counts it; without any, {@link #get()} throws
 * {@link RouteTableUnavailableException} (the gateway answers 500).
 */
public final class LiveMappings implements Supplier<MappingSource.Snapshot> {
    private static final Logger LOG = Logger.getLogger(LiveMappings.class);

    private final Refreshing<MappingSource.Snapshot> served;

    public LiveMappings(MappingSource source, Duration refreshInterval) {
        this(source, refreshInterval, Clock.systemUTC());
    }

    LiveMappings(MappingSource source, Duration refreshInterval, Clock clock) {
        this.served = new Refreshing<>(source, refreshInterval, clock,
                next -> LOG.infof("Serving %d API mappings from %s (version %s)", next.mappings().size(),
                        source.describe(), next.version()),
                (failure, kept) -> failed(source, failure, kept), cause -> "no API mappings could be read from "
                        + source.describe() + (cause == null ? "" : ": " + cause.getMessage()));
    }

    private static void failed(MappingSource source, RuntimeException e, MappingSource.Snapshot kept) {
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

    /** The mappings to serve, checked against the source when the interval has passed. */
    @Override
    public MappingSource.Snapshot get() {
        return served.get();
    }

    /** How many reads have failed since start. */
    public long failures() {
        return served.failures();
    }
}
