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
            return Optional.of(new Snapshot(version, parser.parse(name(), Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route table " + name(), e);
        }
    }

    private String version() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
    }

    /**
     * The file's name, not its path: what the log and the load errors call it. Where the deployment keeps its files
     * ({@code /var/task/...}) is not the log's business.
     */
    private String name() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    @Override
    public String describe() {
        return "file " + name();
    }
}
