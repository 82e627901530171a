package dev.portico.route.source;

import dev.portico.route.RouteTable;
import java.util.Optional;

/** Where the route table comes from. Implementations are plain Java and safe to call from any thread. */
public interface RouteSource {

    /**
     * Loads the table unless the source still holds {@code knownVersion}. Asking is meant to be cheap (a
     * file's timestamp, one small DynamoDB item); the table itself is read only when the version changed.
     *
     * @param knownVersion the version of the table being served, or null when there is none
     * @return the new table, or empty when {@code knownVersion} is still current
     * @throws RuntimeException when the source cannot be read or holds an invalid table
     */
    Optional<Snapshot> loadIfChanged(String knownVersion);

    /** Names the source in logs, such as {@code dynamodb table portico-routes, api shop}. */
    String describe();

    /** A loaded table and the source's name for the version it came from. */
    record Snapshot(String version, RouteTable table) {}
}
