package dev.portico.route.source;

import java.util.Optional;

/**
 * An API's route table in DynamoDB. A refresh reads the one small {@code CURRENT} item; the chunks are read,
 * checked and parsed only when it names another version.
 */
public final class DynamoDbRouteSource implements RouteSource {
    private final RouteStore store;
    private final RouteTableParser parser;

    public DynamoDbRouteSource(RouteStore store, RouteTableParser parser) {
        this.store = store;
        this.parser = parser;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        StoredVersion current = store.current().orElseThrow(
                () -> new RouteStoreException("no route table has been imported into " + store.describe()));
        String version = Long.toString(current.version());
        if (version.equals(knownVersion)) {
            return Optional.empty();
        }
        byte[] document = store.read(current);
        return Optional.of(new Snapshot(version, parser.parse(describe() + ", version " + version, document)));
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
