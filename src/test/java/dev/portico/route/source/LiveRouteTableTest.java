package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveRouteTableTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    /** A source whose version, failure and call count the test controls. */
    static final class ScriptedSource implements RouteSource {
        int generation = 1;
        RuntimeException failure;
        int asked;
        int loaded;

        @Override
        public Optional<Snapshot> loadIfChanged(String knownVersion) {
            asked++;
            if (failure != null) {
                throw failure;
            }
            if (String.valueOf(generation).equals(knownVersion)) {
                return Optional.empty();
            }
            loaded++;
            RouteTable table = FakeOpenApi.parse("scripted", FakeOpenApi.document(generation, 3));
            return Optional.of(new Snapshot(String.valueOf(generation), table));
        }

        @Override
        public String describe() {
            return "scripted source";
        }
    }

    /** A clock that moves only when told. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final ManualClock clock = new ManualClock();

    @Test
    void loadsOnceAtStartAndDoesNotAskAgainWithinTheInterval() {
        LiveRouteTable live = new LiveRouteTable(source, INTERVAL, clock);
        RouteTable first = live.get();
        clock.advance(INTERVAL.minusSeconds(1));
        source.generation = 2;

        assertSame(first, live.get());
        assertEquals(1, source.asked);
        assertEquals(Optional.of("1"), live.version());
    }

    @Test
    void afterTheIntervalSwapsOnlyWhenTheVersionChanged() {
        LiveRouteTable live = new LiveRouteTable(source, INTERVAL, clock);
        RouteTable first = live.get();

        clock.advance(INTERVAL);
        assertSame(first, live.get(), "same version: the table is kept, not reloaded");
        assertEquals(2, source.asked);
        assertEquals(1, source.loaded);

        source.generation = 2;
        clock.advance(INTERVAL);
        assertEquals(2, FakeOpenApi.generation(live.get()));
        assertEquals(2, source.loaded);
    }

    @Test
    void aClockThatWentBackCountsAsDue() {
        LiveRouteTable live = new LiveRouteTable(source, INTERVAL, clock);
        source.generation = 2;
        clock.advance(Duration.ofHours(-1));

        assertEquals(2, FakeOpenApi.generation(live.get()));
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodTableAndIsCounted() {
        LiveRouteTable live = new LiveRouteTable(source, INTERVAL, clock);
        RouteTable good = live.get();
        source.failure = new RouteStoreException("store unreachable");

        clock.advance(INTERVAL);
        assertSame(good, live.get());
        assertEquals(1, live.failures());
        assertSame(good, live.get(), "no new attempt within the interval");
        assertEquals(1, live.failures());

        source.failure = null;
        source.generation = 2;
        clock.advance(INTERVAL);
        assertEquals(2, FakeOpenApi.generation(live.get()));
        assertEquals(1, live.failures());
    }

    @Test
    void withoutAnyGoodTableEveryRequestIsA500() {
        source.failure = new RouteStoreException("no route table has been imported");
        LiveRouteTable live = new LiveRouteTable(source, INTERVAL, clock);

        RouteTableUnavailableException e = assertThrows(RouteTableUnavailableException.class, live::get);
        assertTrue(e.getMessage().contains("no route table has been imported"), e.getMessage());
        assertEquals(Optional.empty(), live.version());
        assertEquals(1, live.failures());

        Portico portico = new Portico(live, Map.of(), PorticoSettings.defaults());
        IncomingRequest request = new IncomingRequest(CallerFormat.ALB, "GET", "/hello", Map.of(),
                new Headers().freeze(), new byte[0], false, "", "req-1", 0, "");
        assertEquals(500, portico.respond(request).status());

        source.failure = null;
        clock.advance(INTERVAL);
        assertEquals(1, FakeOpenApi.generation(live.get()), "recovers at the next interval");
    }
}
