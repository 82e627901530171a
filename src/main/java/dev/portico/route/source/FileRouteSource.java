package dev.portico.route.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A route table file. Its version is its modification time and size, so a refresh costs one {@code stat}
 * and an edited file is picked up (locally; in Lambda the deployment package never changes). A file's times come
 * from a coarse clock (a few milliseconds on Linux): an edit within the same tick as the last one, of the same
 * size, leaves both unchanged. So while the modification time is that recent ({@link #RACY_MILLIS}), the contents
 * decide too, by their digest, as Git judges an index entry "racily clean".
 */
public final class FileRouteSource implements RouteSource {
    /** A modification time this close to now may hide another edit within the same tick of the file clock. */
    static final long RACY_MILLIS = 2000;

    private final Path file;
    private final RouteTableParser parser;
    private final Clock clock;

    public FileRouteSource(Path file, RouteTableParser parser) {
        this(file, parser, Clock.systemUTC());
    }

    FileRouteSource(Path file, RouteTableParser parser, Clock clock) {
        this.file = file;
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            String stamp = modified + ":" + attributes.size() + ":";
            boolean racy = Math.abs(clock.millis() - modified) < RACY_MILLIS;
            if (!racy && knownVersion != null && knownVersion.startsWith(stamp)) {
                return Optional.empty();
            }
            byte[] content = Files.readAllBytes(file);
            String version = stamp + digest(content);
            if (version.equals(knownVersion)) {
                return Optional.empty();
            }
            return Optional.of(new Snapshot(version, parser.parse(name(), content)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route table " + name(), e);
        }
    }

    private static String digest(byte[] content) {
        try {
            // 64 bits of the digest: enough to tell one edit from the next, short enough for the log line naming the version
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
