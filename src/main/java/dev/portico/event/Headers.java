package dev.portico.event;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * HTTP headers: names compare case-insensitively, each name keeps the casing it was first seen with,
 * values keep their order. Mutable while a stage builds it; call {@link #freeze()} before handing it on.
 */
public final class Headers {
    /**
     * One name: its casing, its values, and the read-only view of them once one is asked for. The values of a
     * frozen Headers can be shared by a copy ({@link #copy()}, {@link #setAll} of another's values), which then
     * copies them before its first change of its own.
     */
    private static final class Entry {
        final String name;
        final Headers owner;
        List<String> values;
        boolean shared;
        private View view;

        Entry(Headers owner, String name, List<String> values, boolean shared) {
            this.owner = owner;
            this.name = name;
            this.values = values;
            this.shared = shared;
        }

        /**
         * The values, read-only: of frozen headers, a one-value list as it is (it cannot change, and neither can
         * the name's values), else a view that follows the values as they change.
         */
        List<String> view() {
            if (owner.frozen && values.getClass() == SINGLETON) {
                return values;
            }
            View v = view;
            if (v == null) view = v = new View(this);
            return v;
        }

        /** The values to change: copied first when they are shared or the one-value list a name starts with. */
        List<String> writable() {
            if (shared || !(values instanceof ArrayList)) {
                List<String> copy = new ArrayList<>(values.size() + 1);
                copy.addAll(values);
                values = copy;
                shared = false;
            }
            return values;
        }
    }

    /** The read-only view of one name's values (what {@link #all} and {@link #forEach} hand out). */
    private static final class View extends AbstractList<String> implements RandomAccess {
        private final Entry entry;

        View(Entry entry) {
            this.entry = entry;
        }

        @Override
        public String get(int index) {
            return entry.values.get(index);
        }

        @Override
        public int size() {
            return entry.values.size();
        }
    }

    /**
     * Lower-case keys of the names seen so far (the same few on every request), so that a lookup by a mixed-case
     * name such as {@code Content-Type} does not make a new string each time; bounded against hostile names.
     */
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();
    private static final int MAX_KEYS = 512;
    /** The class of {@link Collections#singletonList}, which no one can change. */
    private static final Class<?> SINGLETON = Collections.singletonList("").getClass();

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private boolean frozen;

    private static final Headers EMPTY = new Headers().freeze();

    /** No headers (one shared instance: frozen headers cannot change). */
    public static Headers empty() {
        return EMPTY;
    }

    public Headers copy() {
        Headers copy = new Headers();
        // frozen values cannot change: the copy shares them until it changes them itself
        entries.forEach((key, e) -> copy.entries.put(key, frozen
                ? new Entry(copy, e.name, e.values, true) : new Entry(copy, e.name, new ArrayList<>(e.values), false)));
        return copy;
    }

    public Headers freeze() {
        frozen = true;
        return this;
    }

    /**
     * The name in lower case ({@link Locale#ROOT}), as the headers compare it: for the names seen before, the same
     * string again rather than a new one.
     */
    public static String lowerCase(String name) {
        return key(name);
    }

    private static String key(String name) {
        String key = KEYS.get(name);
        if (key != null) return key;
        key = name.toLowerCase(Locale.ROOT);
        if (key != name && KEYS.size() < MAX_KEYS) KEYS.put(name, key);
        return key;
    }

    private void checkMutable() {
        if (frozen) throw new UnsupportedOperationException("headers are frozen");
    }

    /** Appends a value; a new name keeps the casing given here. */
    public Headers add(String name, String value) {
        checkMutable();
        String key = key(name);
        Entry e = entries.get(key);
        if (e == null) {
            // most names have one value: a one-value list until a second comes
            entries.put(key, new Entry(this, name, Collections.singletonList(value), false));
        } else {
            e.writable().add(value);
        }
        return this;
    }

    /** Replaces every value of the name; the name takes the casing given here. */
    public Headers set(String name, String value) {
        checkMutable();
        entries.put(key(name), new Entry(this, name, Collections.singletonList(value), false));
        return this;
    }

    public Headers setAll(String name, List<String> values) {
        checkMutable();
        entries.put(key(name), values instanceof View view && view.entry.owner.frozen
                ? new Entry(this, name, view.entry.values, true) // another's frozen values: shared, copied on change
                : values.getClass() == SINGLETON
                ? new Entry(this, name, values, false) // no one can change it: kept, copied on a change here
                : new Entry(this, name, new ArrayList<>(values), false));
        return this;
    }

    public Headers remove(String name) {
        checkMutable();
        entries.remove(key(name));
        return this;
    }

    public boolean contains(String name) {
        return entries.containsKey(key(name));
    }

    /** The first value, or null. */
    public String first(String name) {
        Entry e = entries.get(key(name));
        return e == null || e.values.isEmpty() ? null : e.values.get(0);
    }

    /** The last value, or null: what a single-value caller (ALB, API Gateway {@code headers}) keeps. */
    public String last(String name) {
        Entry e = entries.get(key(name));
        return e == null || e.values.isEmpty() ? null : e.values.get(e.values.size() - 1);
    }

    public List<String> all(String name) {
        Entry e = entries.get(key(name));
        return e == null ? List.of() : e.view();
    }

    /** The name as it was first written, or null. */
    public String nameOf(String name) {
        Entry e = entries.get(key(name));
        return e == null ? null : e.name;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Each name with all its values, in insertion order. */
    public void forEach(BiConsumer<String, List<String>> action) {
        for (Entry e : entries.values()) action.accept(e.name, e.view());
    }

    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        forEach(map::put);
        return map;
    }

    /**
     * What makes these headers impossible to send, or null when nothing does: a name that is not an RFC 9110
     * token, or a value holding CR, LF or NUL (which would end the header, or the head, early: response splitting).
     */
    public String malformed() {
        for (Entry e : entries.values()) {
            if (!isToken(e.name)) {
                return "the header name '" + printable(e.name) + "' is not a token";
            }
            for (String value : e.values) {
                if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
                    return "the value of header " + e.name + " holds CR, LF or NUL";
                }
            }
        }
        return null;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
