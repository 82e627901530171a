package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.ApiMapping;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link LiveMappings}: the route tables' refresh and last-good rules, for the API mappings. */
class LiveMappingsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    /** Answers each read with the next scripted outcome: mappings, or an exception to throw. */
    static final class ScriptedMappings implements MappingSource {
        final Deque<Object> outcomes = new ArrayDeque<>();
        int reads;

        @Override
        public Optional<Snapshot> loadIfChanged(String knownVersion) {
            reads++;
            Object next = outcomes.isEmpty() ? null : outcomes.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            Snapshot snapshot = (Snapshot) next;
            return snapshot == null || snapshot.version().equals(knownVersion) ? Optional.empty() : Optional.of(snapshot);
        }

        @Override
        public String describe() {
            return "scripted mappings";
        }
    }

    private static MappingSource.Snapshot version(String version, String api) {
        return new MappingSource.Snapshot(version, List.of(ApiMapping.of("*", "/" + api, api, "prod")));
    }

    private final ScriptedMappings source = new ScriptedMappings();
    private final LiveRouteTableTest.ManualClock clock = new LiveRouteTableTest.ManualClock();

    @Test
    void readAtStartThenOncePerIntervalAndAFailedReadKeepsTheLastGood() {
        source.outcomes.add(version("1", "orders"));
        LiveMappings live = new LiveMappings(source, INTERVAL, clock);
        assertEquals("1", live.get().version());
        assertEquals(1, source.reads);

        clock.advance(INTERVAL.minusSeconds(1));
        live.get();
        assertEquals(1, source.reads, "not due yet");

        source.outcomes.add(new RouteStoreException("Invalid API mappings: mapping item 'bad host'"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("1", live.get().version(), "the last good mappings keep serving");
        assertEquals(1, live.failures());

        source.outcomes.add(version("2", "admin"));
        clock.advance(INTERVAL);
        assertEquals("admin", live.get().mappings().get(0).api());
    }

    @Test
    void withoutAnyMappingsEveryReadFailsClearlyAndIsTriedAgainAfterASecond() {
        source.outcomes.add(new IllegalStateException("table unreachable"));
        LiveMappings live = new LiveMappings(source, INTERVAL, clock);
        RouteTableUnavailableException none = assertThrows(RouteTableUnavailableException.class, live::get);
        assertTrue(none.getMessage().contains("no API mappings could be read from scripted mappings: table unreachable"),
                none.getMessage());

        source.outcomes.add(version("1", "orders"));
        clock.advance(Duration.ofMillis(Refreshing.RETRY_WITHOUT_SNAPSHOT_MILLIS));
        assertEquals("1", live.get().version());
        assertEquals(2, source.reads);
    }

    @Test
    void anOutOfMemoryErrorFromOneReadIsCountedAndTheMappingsStay() {
        source.outcomes.add(version("1", "orders"));
        LiveMappings live = new LiveMappings(source, INTERVAL, clock);
        source.outcomes.add(new OutOfMemoryError("a hostile read"));
        clock.advance(INTERVAL);
        assertEquals("1", live.get().version());
        assertEquals(1, live.failures());
    }
}
