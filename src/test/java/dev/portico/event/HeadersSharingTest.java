package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values Headers hand out: read-only whatever the headers' state; of headers still being built, a view that
 * follows later changes; and a copy's values never change with another's.
 */
class HeadersSharingTest {

    @Test
    void valuesHandedOutCannotBeChanged() {
        Headers building = new Headers().add("A", "1").add("B", "1").add("B", "2");
        Headers frozen = new Headers().add("A", "1").add("B", "1").add("B", "2").freeze();
        for (Headers headers : List.of(building, frozen)) {
            for (String name : List.of("A", "B")) {
                List<String> values = headers.all(name);
                assertThrows(UnsupportedOperationException.class, () -> values.add("x"));
                assertThrows(UnsupportedOperationException.class, () -> values.set(0, "x"));
            }
            headers.forEach((name, values) -> assertThrows(UnsupportedOperationException.class, values::clear));
        }
    }

    @Test
    void aViewOfHeadersBeingBuiltFollowsTheirChanges() {
        Headers headers = new Headers().add("A", "1");
        List<String> seen = headers.all("a");
        Map<String, List<String>> map = headers.toMap();
        headers.add("a", "2");
        assertEquals(List.of("1", "2"), seen);
        assertEquals(List.of("1", "2"), map.get("A"));
        assertEquals(List.of("1", "2"), headers.freeze().all("A"));
    }

    @Test
    void valuesTakenFromOtherHeadersChangeOnlyWhereTheyAreChanged() {
        Headers frozen = new Headers().add("One", "1").add("Two", "1").add("Two", "2").freeze();
        Headers copy = new Headers();
        frozen.forEach(copy::setAll);
        Headers building = new Headers().add("One", "b");
        Headers second = new Headers();
        building.forEach(second::setAll);
        copy.add("one", "x").add("two", "y");
        second.add("one", "z");
        building.add("one", "w");
        assertEquals(List.of("1"), frozen.all("One"));
        assertEquals(List.of("1", "2"), frozen.all("Two"));
        assertEquals(List.of("1", "x"), copy.all("One"));
        assertEquals(List.of("1", "2", "y"), copy.all("Two"));
        assertEquals(List.of("b", "z"), second.all("One"));
        assertEquals(List.of("b", "w"), building.all("One"));
        Headers fromList = new Headers();
        List<String> mine = new ArrayList<>(List.of("m"));
        fromList.setAll("M", mine);
        mine.add("n");
        assertEquals(List.of("m"), fromList.all("M"));
        Headers fromOne = new Headers().setAll("S", List.of("s")).add("S", "t");
        assertEquals(List.of("s", "t"), fromOne.all("s"));
    }

    @Test
    void copiesOfFrozenHeadersKeepTheirOwnValues() {
        Headers frozen = new Headers().set("Content-Type", "text/plain").freeze();
        Headers copy = frozen.copy();
        copy.add("content-type", "x");
        assertEquals(List.of("text/plain"), frozen.all("Content-Type"));
        assertEquals(List.of("text/plain", "x"), copy.all("Content-Type"));
        Headers again = frozen.copy().freeze();
        assertEquals(frozen.toMap(), again.toMap());
    }

    @Test
    void lowerCaseIsTheRootLocaleLowerCase() {
        for (String name : List.of("Content-Type", "content-type", "X-AMZ-Date", "İstanbul", "TITLE", "ǅ", "",
                "x".repeat(10_000) + "Y")) {
            for (int i = 0; i < 2; i++) {
                assertEquals(name.toLowerCase(Locale.ROOT), Headers.lowerCase(name));
            }
        }
        assertSame(Headers.lowerCase("X-Seen-Before"), Headers.lowerCase("X-Seen-Before"));
        for (int i = 0; i < 2_000; i++) {
            String name = "X-Hostile-" + i;
            assertEquals(name.toLowerCase(Locale.ROOT), Headers.lowerCase(name));
        }
    }
}
