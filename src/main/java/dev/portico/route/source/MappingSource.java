package dev.portico.route.source;

import dev.portico.route.ApiMapping;
import java.util.List;
import java.util.Optional;

/**
 * Where the API mappings come from when they can change while the function runs (the route store's DynamoDB
 * table, {@link DynamoDbMappingSource}). Implementations are plain Java and safe to call from any thread.
 */
public interface MappingSource {

    /**
     * Reads the mappings unless they are still those of {@code knownVersion}.
     *
     * @param knownVersion the version being served, or null when there is none
     * @return the mappings, or empty when {@code knownVersion} is still current
     * @throws RuntimeException when the source cannot be read or holds an invalid mapping
     */
    Optional<Snapshot> loadIfChanged(String knownVersion);

    /** Names the source in logs. */
    String describe();

    /** The mappings and the source's name for their version. */
    record Snapshot(String version, List<ApiMapping> mappings) {}
}
