package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * META-INF/quarkus-preload-classes.txt, the classes Quarkus loads (and initialises) at every start: each must
 * exist, and none may be one whose initialisation is heavy and needed only by some tables.
 */
class PreloadListTest {
    /** Classes whose statics build what only some tables need; they stay out of the list. */
    private static final List<String> HEAVY = List.of("dev.portico.mapping.RequestValidation",
            "dev.portico.template.JsonText", "dev.portico.template.vtl.Json", "dev.portico.template.vtl.UtilVariable");

    @Test
    void everyEntryIsAClassAndNoneIsHeavy() throws IOException {
        List<String> names;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/quarkus-preload-classes.txt")) {
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        }
        assertTrue(names.size() > 20, "the list has the start's classes");
        for (String name : names) {
            assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()), name);
            assertFalse(HEAVY.contains(name), name + " is initialised only when a table needs it");
            assertFalse(name.startsWith("dev.portico.tools") || name.startsWith("dev.portico.local"), name);
        }
    }
}
