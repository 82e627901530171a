package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Headers against a plain model of what they promise (insertion order; names compared case-insensitively, each
 * keeping its first casing until a set; a set keeping the name's place), through random changes on few names and
 * on more than the walk-through lookup serves.
 */
class HeadersTest {
    /** The model: lower-case name to [casing, values...]. */
    private static final class Model {
        final Map<String, List<String>> byKey = new LinkedHashMap<>();

        void add(String name, String value) {
            List<String> entry = byKey.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(List.of(name)));
            entry.add(value);
        }

        void set(String name, List<String> values) {
            List<String> entry = new ArrayList<>(List.of(name));
            entry.addAll(values);
            byKey.put(name.toLowerCase(Locale.ROOT), entry);
        }

        void remove(String name) {
            byKey.remove(name.toLowerCase(Locale.ROOT));
        }

        String render() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            byKey.values().forEach(entry -> out.put(entry.get(0), entry.subList(1, entry.size())));
            return out.toString();
        }
    }

    @Test
    void randomChangesKeepWhatTheModelKeeps() {
        for (int names : new int[] {3, 20, 200}) {
            Random random = new Random(names);
            Headers headers = new Headers();
            Model model = new Model();
            for (int step = 0; step < 5_000; step++) {
                String base = "x-h" + random.nextInt(names);
                String name = random.nextBoolean() ? base : base.toUpperCase(Locale.ROOT);
                String value = "v" + step;
                switch (random.nextInt(10)) {
                    case 0, 1, 2, 3, 4 -> {
                        headers.add(name, value);
                        model.add(name, value);
                    }
                    case 5, 6 -> {
                        headers.set(name, value);
                        model.set(name, List.of(value));
                    }
                    case 7 -> {
                        headers.setAll(name, List.of(value, value + "b"));
                        model.set(name, List.of(value, value + "b"));
                    }
                    default -> {
                        headers.remove(name);
                        model.remove(name);
                    }
                }
                String probe = "X-h" + random.nextInt(names);
                List<String> expected = model.byKey.get(probe.toLowerCase(Locale.ROOT));
                assertEquals(expected == null ? List.of() : expected.subList(1, expected.size()), headers.all(probe));
                assertEquals(expected == null ? null : expected.get(0), headers.nameOf(probe));
                assertEquals(model.byKey.size(), headers.size());
            }
            assertEquals(model.render(), headers.toString(), names + " names");
            assertEquals(model.render(), headers.copy().toString());
            assertEquals(model.render(), headers.freeze().copy().toString());
        }
    }

    @Test
    void manyHeadersAreFoundAndRemovedInOrder() {
        Headers headers = new Headers();
        for (int i = 0; i < 10_000; i++) headers.add("Name-" + i, Integer.toString(i));
        assertEquals(10_000, headers.size());
        assertEquals("9999", headers.last("name-9999"));
        headers.remove("NAME-0").set("name-5000", "five").add("name-1", "again");
        assertNull(headers.first("Name-0"));
        assertEquals(List.of("1", "again"), headers.all("Name-1"));
        List<String> order = new ArrayList<>();
        headers.forEach((name, values) -> order.add(name));
        assertEquals("Name-1", order.get(0));
        assertEquals("name-5000", order.get(4999), "a set keeps the name's place and takes its casing");
        assertEquals(9_999, order.size());
    }
}
