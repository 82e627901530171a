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

    /** RFC 9110 token characters, spelled out as the standard lists them. */
    private static boolean tchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    @Test
    void everyCharacterInANameOrAValueIsJudgedAsTheRulesSay() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            Headers name = new Headers().add("X-" + ch + "-Name", "fine");
            assertEquals(!tchar(ch), name.malformed() != null, () -> "name with U+" + Integer.toHexString(ch));
            Headers value = new Headers().add("Accept", "text/" + ch + "plain");
            assertEquals(ch == '\r' || ch == '\n' || ch == 0, value.malformed() != null,
                    () -> "value with U+" + Integer.toHexString(ch));
        }
        assertEquals("the header name '' is not a token", new Headers().add("", "x").malformed());
        assertEquals("the value of header X-A holds CR, LF or NUL",
                new Headers().add("Accept", "a").add("X-A", "ok").add("X-A", "b\r\nSet-Cookie: x").malformed());
        assertNull(new Headers().add("Accept", "a").add("X-A", null).malformed());
    }

    @Test
    void containsAnyLooksAtEveryNameInLowerCase() {
        Headers headers = new Headers().add("Accept", "a").add("Content-Length", "3").add("X-Trace", "t");
        assertEquals(true, headers.containsAny(java.util.Set.of("content-length")));
        assertEquals(false, headers.containsAny(java.util.Set.of("connection", "te")));
        assertEquals(false, new Headers().containsAny(java.util.Set.of("accept")));
        headers.remove("content-length");
        assertEquals(false, headers.containsAny(java.util.Set.of("content-length")));
    }

    /** A name found sendable is not looked at again until it changes: every change must be looked at anew. */
    @Test
    void aChangeAfterACheckIsCheckedAgain() {
        Headers headers = new Headers().add("Accept", "a").add("X-A", "ok");
        assertNull(headers.malformed());
        headers.add("X-A", "bad\n");
        assertEquals("the value of header X-A holds CR, LF or NUL", headers.malformed());

        Headers frozen = new Headers().add("Accept", "a").add("X-B", "ok").freeze();
        assertNull(frozen.malformed());
        Headers copy = frozen.copy();
        assertNull(copy.malformed());
        copy.add("X-B", "\r");
        assertEquals("the value of header X-B holds CR, LF or NUL", copy.malformed());
        assertNull(frozen.malformed(), "the frozen original keeps its values");

        Headers set = frozen.copy();
        set.set("Accept", "\u0000");
        assertEquals("the value of header Accept holds CR, LF or NUL", set.malformed());
        Headers shared = new Headers().setAll("Accept", frozen.all("Accept"));
        assertNull(shared.malformed());
        shared.add("Accept", "x\ny");
        assertEquals("the value of header Accept holds CR, LF or NUL", shared.malformed());
        Headers renamed = frozen.copy().set("Bad Name", "v");
        assertEquals("the header name 'Bad Name' is not a token", renamed.malformed());
    }
}
