package dev.portico.route.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The route table inside the jar: the file named by the build's {@code portico.api} property ({@code ./mvnw package
 * -Dportico.api=FILE}), the example API when none is named. It never changes, so it is loaded once.
 */
public final class BundledRouteSource implements RouteSource {
    public static final String RESOURCE = "routes/api.yaml";
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
