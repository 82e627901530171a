package dev.portico.route.source;

import dev.portico.route.RouteTable;

/** Where the route table comes from. Implementations are plain Java and safe to call from any thread. */
public interface RouteSource extends VersionedSource<RouteSource.Snapshot> {
    /** A loaded table and the source's name for the version it came from. */
    record Snapshot(String version, RouteTable table) implements VersionedSource.Versioned {}
}
