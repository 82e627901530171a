package dev.portico.route.source;

import dev.portico.route.RouteTable;
import dev.portico.route.openapi.BundledTableBuild;
import dev.portico.route.openapi.CompactRouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The route table inside the jar: the file named by the build's {@code portico.api} property ({@code ./mvnw package
 * -Dportico.api=FILE}), the example API when none is named. It never changes, so it is loaded once.
 *
 * <p>The build checks its templates and writes it as JSON ({@link #CHECKED}, by
 * {@code dev.portico.route.openapi.BundledTableBuild}) with the SHA-256 of those bytes beside it: when the digest
 * matches, the function reads that JSON and trusts its templates ({@link RouteTableParser#parseChecked}), so the
 * start parses neither YAML nor templates. Without it (a jar built some other way), the YAML is loaded and checked
 * in full, as any file. When the table's load depends on nothing in the function's configuration, the build also
 * writes the loaded routes themselves ({@link #COMPACT}, checked by its own digest), which the start reads back
 * with no document tree and no check: it is preferred to the JSON, which stays for a compact form that does not
 * match or read.
 */
public final class BundledRouteSource implements RouteSource {
    private static final Logger LOG = Logger.getLogger(BundledRouteSource.class.getName());
    public static final String RESOURCE = "routes/api.yaml";
    /** The build's checked JSON of {@link #RESOURCE}. */
    public static final String CHECKED = "routes/api.json";
    /** The SHA-256 of {@link #CHECKED}, in hex, written by the build after its check. */
    public static final String CHECKED_DIGEST = CHECKED + ".checked";
    /** The build's compact form of the loaded table ({@link CompactRouteTable}), for tables that need no check. */
    public static final String COMPACT = "routes/" + BundledTableBuild.COMPACT_NAME;
    /** The SHA-256 of {@link #COMPACT}, in hex, written by the build. */
    public static final String COMPACT_DIGEST = COMPACT + BundledTableBuild.CHECKED_SUFFIX;
    private static final String VERSION = "bundled";

    /** Reads a resource of the jar: its bytes, or null when there is none. */
    @FunctionalInterface
    interface Resources {
        byte[] read(String name) throws IOException;
    }

    private final RouteTableParser parser;
    private final Resources resources;

    public BundledRouteSource(RouteTableParser parser) {
        this(parser, BundledRouteSource::read);
    }

    BundledRouteSource(RouteTableParser parser, Resources resources) {
        this.parser = parser;
        this.resources = resources;
    }

    @Override
    public Optional<Snapshot> loadIfChanged(String knownVersion) {
        if (VERSION.equals(knownVersion)) {
            return Optional.empty();
        }
        try {
            RouteTable compact = compact();
            if (compact != null) {
                return Optional.of(new Snapshot(VERSION, compact));
            }
            byte[] checked = resources.read(CHECKED);
            byte[] digest = checked == null ? null : resources.read(CHECKED_DIGEST);
            if (checked != null && digest != null && matches(checked, new String(digest, StandardCharsets.US_ASCII))) {
                return Optional.of(new Snapshot(VERSION, parser.parseChecked(describe(), checked)));
            }
            byte[] content = resources.read(RESOURCE);
            if (content == null) {
                throw new IllegalStateException("the bundled route table " + RESOURCE + " is missing");
            }
            return Optional.of(new Snapshot(VERSION, parser.parse(describe(), content)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(), e);
        }
    }

    /**
     * The compact table, when the build wrote one and these are its bytes; null otherwise (no compact form: the table
     * depends on the configuration; another digest or unreadable bytes: a jar built some other way), and the JSON
     * is loaded instead.
     */
    private RouteTable compact() throws IOException {
        byte[] compact = resources.read(COMPACT);
        byte[] digest = compact == null ? null : resources.read(COMPACT_DIGEST);
        if (compact == null || digest == null || !matches(compact, new String(digest, StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            return CompactRouteTable.read(describe(), compact, RouteTables.compiler());
        } catch (CompactRouteTable.FormatException e) {
            LOG.warn(describe() + ": " + COMPACT + " is unreadable (" + e.getMessage()
                    + "); loading " + CHECKED + " instead");
            return null;
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = BundledRouteSource.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Whether the bytes are those the build checked. */
    static boolean matches(byte[] json, String recordedDigest) {
        try {
            byte[] actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(actual, recordedDigest.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "bundled " + RESOURCE;
    }
}
