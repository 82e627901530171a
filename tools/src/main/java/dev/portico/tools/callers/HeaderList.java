package dev.portico.tools.callers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Header name/value pairs in order, names kept as received; look-ups ignore case unless told otherwise. */
public final class HeaderList {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    public HeaderList add(String name, String value) {
        entries.add(Map.entry(name, value));
        return this;
    }

    /** Every pair in the order added. */
    public List<Map.Entry<String, String>> entries() {
        return Collections.unmodifiableList(entries);
    }

    public boolean has(String name) {
        return entries.stream().anyMatch(e -> e.getKey().equalsIgnoreCase(name));
    }

    public List<String> values(String name) {
        return entries.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** The last value of {@code name}, or {@code null} when absent. */
    public String last(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** All values of {@code name} joined with ", ", or {@code null} when absent. */
    public String joined(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** Like {@link #joined} but the name must match exactly, case included. */
    public String joinedExactCase(String name) {
        List<String> values = entries.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

    public List<String> names() {
        return entries.stream().map(Map.Entry::getKey).distinct().toList();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
