package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.RouteTable;
import dev.portico.route.RouteMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled table as the build leaves it in target/classes: the checked JSON, whose digest matches, is what the
 * function loads, and it loads it as checked; a document whose digest does not match is not trusted.
 */
class BundledRouteSourceTest {

    @Test
    void theBuildsCheckedJsonIsLoadedAsChecked() throws IOException {
        List<String> calls = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        RouteTableParser recording = RouteTableParser.of((source, content) -> {
            calls.add("parse");
            contents.add(content);
            return empty(source);
        }, (source, content) -> {
            calls.add("parseChecked");
            contents.add(content);
            return empty(source);
        });
        new BundledRouteSource(recording).loadIfChanged(null).orElseThrow();
        assertEquals(List.of("parseChecked"), calls);
        assertArrayEquals(resource(BundledRouteSource.CHECKED), contents.get(0));
        assertTrue(new String(contents.get(0), StandardCharsets.UTF_8).startsWith("{"));
        assertTrue(new BundledRouteSource(recording).loadIfChanged("bundled").isEmpty());
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
