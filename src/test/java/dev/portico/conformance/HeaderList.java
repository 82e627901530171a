package dev.portico.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Header name/value pairs in order, names kept as received; look-ups ignore case unless told otherwise. */
final class HeaderList {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    HeaderList add(String name, String value) {
        entries.add(Map.entry(name, value));
        return this;
    }

    boolean has(String name) {
        return entries.stream().anyMatch(e -> e.getKey().equalsIgnoreCase(name));
    }

    List<String> values(String name) {
        return entries.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** All values of {@code name} joined with ", ", or {@code null} when absent. */
    String joined(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** Like {@link #joined} but the name must match exactly, case included. */
    String joinedExactCase(String name) {
        List<String> values = entries.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

    List<String> names() {
        return entries.stream().map(Map.Entry::getKey).distinct().toList();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
