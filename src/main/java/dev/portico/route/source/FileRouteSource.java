package dev.portico.route.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A route table file. Its version is its modification time and size, so a refresh costs one {@code stat}
 * and an edited file is picked up (locally; in Lambda the deployment package never changes).
 */
public final class FileRouteSource implements RouteSource {
    private final Path file;
    private final RouteTableParser parser;

    public FileRouteSource(Path file, RouteTableParser parser) {
        this.file = file;
        this.parser = parser;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        try {
            String version = version();
            if (version.equals(knownVersion)) {
                return Optional.empty();
            }
            return Optional.of(new Snapshot(version, parser.parse(file.toString(), Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route table " + file, e);
        }
    }

    private String version() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
