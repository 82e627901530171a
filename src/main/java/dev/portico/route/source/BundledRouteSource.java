package dev.portico.route.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The route table inside the jar: the file named by the build's {@code portico.api} property ({@code ./mvnw package
 * -Dportico.api=FILE}), the example API when none is named. It never changes, so it is loaded once.
 *
 * <p>The build checks its templates and writes it as JSON ({@link #CHECKED}, by
 * {@code dev.portico.route.openapi.BundledTableBuild}) with the SHA-256 of those bytes beside it: when the digest
 * matches, the function reads that JSON and trusts its templates ({@link RouteTableParser#parseChecked}), so the
 * start parses neither YAML nor templates. Without it (a jar built some other way), the YAML is loaded and checked
 * in full, as any file.
 */
public final class BundledRouteSource implements RouteSource {
    public static final String RESOURCE = "routes/api.yaml";
    /** The build's checked JSON of {@link #RESOURCE}. */
    public static final String CHECKED = "routes/api.json";
    /** The SHA-256 of {@link #CHECKED}, in hex, written by the build after its check. */
    public static final String CHECKED_DIGEST = CHECKED + ".checked";
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
        try {
            byte[] checked = read(CHECKED);
            byte[] digest = checked == null ? null : read(CHECKED_DIGEST);
            if (checked != null && digest != null && matches(checked, new String(digest, StandardCharsets.US_ASCII))) {
                return Optional.of(new Snapshot(VERSION, parser.parseChecked(describe(), checked)));
            }
            byte[] content = read(RESOURCE);
            if (content == null) {
                throw new IllegalStateException("the bundled route table " + RESOURCE + " is missing");
            }
            return Optional.of(new Snapshot(VERSION, parser.parse(describe(), content)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(), e);
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
