package dev.portico.route.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rule by which Portico serves what it reads from a source (a route table, the API mappings): read once when
 * made; after that, the first request after each refresh interval asks the source for a newer version. Lambda
 * freezes the function between invocations, so this checks on demand instead of on a timer, and by the wall clock,
 * since the monotonic one means nothing across a SnapStart restore. While one request checks, the others keep what
 * they have rather than wait. A read that fails (an {@link Error} such as OutOfMemoryError from a hostile version
 * too) keeps the last good snapshot and is counted and reported; without any, {@link #get} throws
 * {@link RouteTableUnavailableException} (the gateway answers 500) and the first request after a second tries again.
 *
 * @param <S> the source's snapshot: what is served, with its version
 */
final class Refreshing<S extends VersionedSource.Versioned> {
    /** While there is nothing to serve, a request tries again once a second has passed, whatever the interval. */
    static final long RETRY_WITHOUT_SNAPSHOT_MILLIS = 1000;

    private final VersionedSource<S> source;
    private final Consumer<S> serving;
    /** Told of a failed read, and of the snapshot still served (null when there is none). */
    private final BiConsumer<RuntimeException, S> failed;
    /** The message of {@link RouteTableUnavailableException} while nothing can be served, from the last failure. */
    private final Function<RuntimeException, String> unavailable;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicReference<S> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastCheck;
    private volatile RuntimeException lastFailure;

    /**
     * Reads the source once, now.
     *
     * @param serving     told of each snapshot that starts being served
     * @param failed      told of each failed read and of the snapshot still served, null when there is none
     * @param unavailable the message while nothing can be served, from the last failure (null if none)
     */
    Refreshing(VersionedSource<S> source, Duration refreshInterval, Clock clock, Consumer<S> serving,
               BiConsumer<RuntimeException, S> failed, Function<RuntimeException, String> unavailable) {
        this.source = source;
        this.serving = serving;
        this.failed = failed;
        this.unavailable = unavailable;
        this.intervalMillis = refreshInterval.toMillis();
        this.clock = clock;
        refresh();
    }

    /** The snapshot to serve, checked against the source first when the interval has passed. */
    S get() {
        if (due() && refreshing.compareAndSet(false, true)) {
            try {
                if (due()) {
                    refresh();
                }
            } finally {
                refreshing.set(false);
            }
        }
        S snapshot = current.get();
        if (snapshot == null) {
            RuntimeException cause = lastFailure;
            throw new RouteTableUnavailableException(unavailable.apply(cause), cause);
        }
        return snapshot;
    }

    /** The snapshot being served, if any, without checking the source. */
    Optional<S> current() {
        return Optional.ofNullable(current.get());
    }

    /** How many reads have failed since start. */
    long failures() {
        return failures.get();
    }

    private boolean due() {
        long now = clock.millis();
        long last = lastCheck;
        long interval = current.get() == null ? Math.min(intervalMillis, RETRY_WITHOUT_SNAPSHOT_MILLIS) : intervalMillis;
        return now - last >= interval || now < last;
    }

    private void refresh() {
        S known = current.get();
        try {
            source.loadIfChanged(known == null ? null : known.version()).ifPresent(next -> {
                current.set(next);
                serving.accept(next);
            });
        } catch (RuntimeException e) {
            failed(e, known);
        } catch (Error e) {
            // An OutOfMemoryError or StackOverflowError from one bad version must not take down what is served.
            failed(new RouteTableUnavailableException("reading " + source.describe() + " failed: " + e, null), known);
        } finally {
            lastCheck = clock.millis();
        }
    }

    private void failed(RuntimeException e, S known) {
        failures.incrementAndGet();
        lastFailure = e;
        failed.accept(e, known);
    }
}
