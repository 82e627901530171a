package dev.portico.route.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The example route table inside the jar; it never changes, so it is loaded once. */
public final class BundledRouteSource implements RouteSource {
    public static final String RESOURCE = "routes/example-api.yaml";
    private static final String VERSION = "bundled";

    private final RouteTableParser parser;

    public BundledRouteSource(RouteTableParser parser) {
        this.parser = parser;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        if (VERSION.equals(knownVersion)) {
            return Optional.empty();
        }
        try (InputStream in = BundledRouteSource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled route table " + RESOURCE + " is missing");
            }
            return Optional.of(new Snapshot(VERSION, parser.parse(describe(), in.readAllBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(), e);
        }
    }

    @Override
    public String describe() {
        return "bundled " + RESOURCE;
    }
}
