package dev.portico.local;

import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTableLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The route table of one file, reloaded when the file's modification time or size changes. A file that does not
 * load leaves the previous table in place and its problems on {@code log}; the next change is tried again.
 */
final class RouteFileWatcher implements Supplier<RouteTable>, AutoCloseable {
    private static final long POLL_MILLIS = 250;

    private final Path file;
    private final RouteTableLoader loader;
    private final PrintStream log;
    private final AtomicReference<RouteTable> table = new AtomicReference<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portico-route-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private Stamp seen;

    /** @throws IOException or InvalidRouteTableException when the file does not load the first time */
    RouteFileWatcher(Path file, RouteTableLoader loader, PrintStream log) throws IOException {
        this.file = file;
        this.loader = loader;
        this.log = log;
        seen = stamp();
        table.set(load());
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public RouteTable get() {
        return table.get();
    }

    private void poll() {
        try {
            Stamp now = stamp();
            if (Objects.equals(now, seen)) {
                return;
            }
            seen = now;
            RouteTable loaded = load();
            table.set(loaded);
            log.println("[portico] reloaded " + file + ": " + loaded.routes().size() + " routes");
        } catch (IOException | RuntimeException e) {
            log.println("[portico] kept the previous routes; " + CheckCommand.describe(file, e));
        }
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size());
    }

    private record Stamp(FileTime modified, long size) {}

    private RouteTable load() throws IOException {
        return loader.load(file.toString(), Files.readAllBytes(file));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
