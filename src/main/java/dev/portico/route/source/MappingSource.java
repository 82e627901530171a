package dev.portico.route.source;

import dev.portico.route.ApiMapping;
import java.util.List;

/**
 * Where the API mappings come from when they can change while the function runs (the route store's DynamoDB
 * table, {@link DynamoDbMappingSource}). Implementations are plain Java and safe to call from any thread.
 */
public interface MappingSource extends VersionedSource<MappingSource.Snapshot> {
    /** The mappings and the source's name for their version. */
    record Snapshot(String version, List<ApiMapping> mappings) implements VersionedSource.Versioned {}
}
