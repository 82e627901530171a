package dev.portico.route.source;

import java.util.Optional;

/**
 * A source whose contents come in versions and are read again only when the version changes: a route table's
 * ({@link RouteSource}), the API mappings' ({@link MappingSource}). Served by the rule of {@link Refreshing}.
 *
 * @param <S> what one read gives
 */
public interface VersionedSource<S extends VersionedSource.Versioned> {
    /**
     * Reads the source unless it still holds {@code knownVersion}. Asking is meant to be cheap (a file's timestamp,
     * one small DynamoDB item); the contents are read only when the version changed.
     *
     * @param knownVersion the version being served, or null when there is none
     * @return the new contents, or empty when {@code knownVersion} is still current
     * @throws RuntimeException when the source cannot be read or holds something invalid
     */
    Optional<S> loadIfChanged(String knownVersion);

    /** Names the source in logs, such as {@code dynamodb table portico-routes, api shop}. */
    String describe();

    /** What one read gives, with the source's name for its version. */
    interface Versioned {
        String version();
    }
}
