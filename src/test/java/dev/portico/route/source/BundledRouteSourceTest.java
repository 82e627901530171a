package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.route.RouteMatcher;
import dev.portico.route.openapi.BundledTableBuild;
import dev.portico.route.openapi.CompactRouteTableTest;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled table as the build leaves it in target/classes: the compact form, whose digest matches, is what the
 * function reads, with no parser; without one, the checked JSON, whose digest matches, is loaded as checked; a
 * compact form or document whose digest does not match is not trusted.
 */
class BundledRouteSourceTest {
    private final List<String> calls = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private final RouteTableParser recording = RouteTableParser.of((source, content) -> {
        calls.add("parse");
        contents.add(content);
        return empty(source);
    }, (source, content) -> {
        calls.add("parseChecked");
        contents.add(content);
        return empty(source);
    });

    @Test
    void theBuildsCompactFormIsReadWithNoParser() throws IOException {
        RouteTable table = new BundledRouteSource(recording).loadIfChanged(null).orElseThrow().table();
        assertEquals(List.of(), calls);
        assertEquals(CompactRouteTableTest.describe(RouteTables.loader().load("bundled", resource(BundledRouteSource.RESOURCE))),
                CompactRouteTableTest.describe(table));
        assertEquals("bundled " + BundledRouteSource.RESOURCE, table.source());
    }

    @Test
    void theBuildsCheckedJsonIsLoadedAsCheckedWithoutACompactForm() throws IOException {
        new BundledRouteSource(recording, without(BundledRouteSource.COMPACT)).loadIfChanged(null).orElseThrow();
        assertEquals(List.of("parseChecked"), calls);
        assertArrayEquals(resource(BundledRouteSource.CHECKED), contents.get(0));
        assertTrue(new String(contents.get(0), StandardCharsets.UTF_8).startsWith("{"));
        assertTrue(new BundledRouteSource(recording).loadIfChanged("bundled").isEmpty());
    }

    @Test
    void aCompactFormThatIsNotTheBuildsIsNotReadAndTheJsonIsLoaded() throws IOException {
        byte[] compact = resource(BundledRouteSource.COMPACT);
        byte[] changed = compact.clone();
        changed[changed.length / 2] ^= 1;
        new BundledRouteSource(recording, replacing(BundledRouteSource.COMPACT, changed)).loadIfChanged(null);
        assertEquals(List.of("parseChecked"), calls);
        byte[] truncated = Arrays.copyOf(compact, compact.length - 3);
        new BundledRouteSource(recording, replacing(BundledRouteSource.COMPACT, truncated)).loadIfChanged(null);
        assertEquals(List.of("parseChecked", "parseChecked"), calls);
        assertArrayEquals(resource(BundledRouteSource.CHECKED), contents.get(1));
    }

    @Test
    void aCompactFormWithItsDigestThatDoesNotReadFallsBackToTheJson() throws IOException {
        byte[] truncated = Arrays.copyOf(resource(BundledRouteSource.COMPACT), 10);
        BundledRouteSource.Resources resources = name -> name.equals(BundledRouteSource.COMPACT) ? truncated
                : name.equals(BundledRouteSource.COMPACT_DIGEST)
                ? BundledTableBuild.digest(truncated).getBytes(StandardCharsets.US_ASCII) : resource(name);
        new BundledRouteSource(recording, resources).loadIfChanged(null);
        assertEquals(List.of("parseChecked"), calls);
    }

    @Test
    void aBundledTableWithAccessControlIsCheckedAtStart(@TempDir Path dir) throws IOException {
        // The build writes no compact form for it; the start's loader, enforcing nothing upstream, refuses it.
        Path in = Files.copy(Path.of("src/test/resources/routes/protected-sigv4.yaml"), dir.resolve("api.yaml"));
        BundledTableBuild.main(new String[] {in.toString(), dir.resolve("api.json").toString()});
        assertFalse(Files.exists(dir.resolve(BundledTableBuild.COMPACT_NAME)));
        BundledRouteSource.Resources built = name -> {
            Path file = dir.resolve(name.substring("routes/".length()));
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        };
        var loader = RouteTables.loader();
        RouteTableParser parser = RouteTableParser.of(loader::load, loader.withTemplatesChecked()::load);
        InvalidRouteTableException e = assertThrows(InvalidRouteTableException.class,
                () -> new BundledRouteSource(parser, built).loadIfChanged(null));
        assertTrue(e.getMessage().contains("GET /orders"), e.getMessage());
        // With its authorizer enforced upstream, it loads.
        Set<String> upstream = Set.of("sigv4");
        var enforcing = RouteTables.loader(upstream);
        assertFalse(new BundledRouteSource(RouteTableParser.of(enforcing::load, enforcing.withTemplatesChecked()::load),
                built).loadIfChanged(null).orElseThrow().table().routes().isEmpty());
    }

    private static BundledRouteSource.Resources without(String missing) {
        return name -> name.equals(missing) ? null : resource(name);
    }

    private static BundledRouteSource.Resources replacing(String replaced, byte[] content) {
        return name -> name.equals(replaced) ? content : resource(name);
    }

    @Test
    void aDigestThatDoesNotMatchIsNotTrusted() throws IOException {
        byte[] json = resource(BundledRouteSource.CHECKED);
        String digest = new String(resource(BundledRouteSource.CHECKED_DIGEST), StandardCharsets.US_ASCII);
        assertTrue(BundledRouteSource.matches(json, digest));
        byte[] changed = json.clone();
        changed[changed.length - 2] ^= 1;
        assertFalse(BundledRouteSource.matches(changed, digest));
        assertFalse(BundledRouteSource.matches(json, "0".repeat(64)));
    }

    private static RouteTable empty(String source) {
        return new RouteTable(source, new RouteMatcher(List.of()), Map.of(), List.of());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BundledRouteSource.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
