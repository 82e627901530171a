package dev.portico.route.source;

import dev.portico.route.ApiMapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API mappings in the route store's table ({@link MappingStore}). A refresh is one strongly consistent
 * {@code Query} of the {@code MAPPINGS} partition (a few hundred bytes per mapping); its version is a digest of
 * what it read, so an unchanged set of mappings leaves the router as it is.
 */
public final class DynamoDbMappingSource implements MappingSource {
    private final MappingStore store;

    public DynamoDbMappingSource(MappingStore store) {
        this.store = store;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        List<ApiMapping> mappings = store.mappings();
        String version = digest(mappings);
        return version.equals(knownVersion) ? Optional.empty() : Optional.of(new Snapshot(version, mappings));
    }

    @Override
    public String describe() {
        return store.describe();
    }

    private static String digest(List<ApiMapping> mappings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ApiMapping mapping : mappings) {
                sha.update(mapping.toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
