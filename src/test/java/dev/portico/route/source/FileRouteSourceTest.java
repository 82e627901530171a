package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's version: its time and size, and while the time is recent, its contents. */
class FileRouteSourceTest {
    @TempDir
    Path dir;

    private final AtomicInteger parses = new AtomicInteger();

    private FileRouteSource source(Path file, Instant now) {
        return new FileRouteSource(file, (name, content) -> {
            parses.incrementAndGet();
            return FakeOpenApi.parse(name, content);
        }, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anEditOfTheSameSizeWithinOneTickOfTheFileClockIsSeen() throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.write(file, FakeOpenApi.document(1, 3));
        FileTime tick = Files.getLastModifiedTime(file);
        FileRouteSource source = source(file, tick.toInstant().plusMillis(5));
        RouteSource.Snapshot first = source.loadIfChanged(null).orElseThrow();
        assertEquals(1, FakeOpenApi.generation(first.table()));

        // the same size, and the same modification time, as two saves within a few milliseconds leave them
        byte[] second = FakeOpenApi.document(2, 3);
        assertEquals(FakeOpenApi.document(1, 3).length, second.length, "the fixture keeps the size");
        Files.write(file, second);
        Files.setLastModifiedTime(file, tick);
        RouteSource.Snapshot next = source.loadIfChanged(first.version()).orElseThrow();
        assertEquals(2, FakeOpenApi.generation(next.table()));

        // recent but unchanged: read again, not parsed again
        assertTrue(source.loadIfChanged(next.version()).isEmpty());
        assertEquals(2, parses.get());
    }

    @Test
    void anOldModificationTimeAndSizeAreTrustedWithoutReading() throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.write(file, FakeOpenApi.document(1, 3));
        FileTime old = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);
        FileRouteSource later = source(file, Instant.parse("2026-06-01T00:00:00Z"));
        RouteSource.Snapshot first = later.loadIfChanged(null).orElseThrow();
        assertTrue(later.loadIfChanged(first.version()).isEmpty());
        Files.write(file, FakeOpenApi.document(4, 5));
        assertEquals(4, FakeOpenApi.generation(later.loadIfChanged(first.version()).orElseThrow().table()),
                "a new time or size is a new version");
        assertEquals(2, parses.get());
    }
}
