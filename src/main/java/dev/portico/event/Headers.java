package dev.portico.event;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * HTTP headers: names compare case-insensitively, each name keeps the casing it was first seen with,
 * values keep their order. Mutable while a stage builds it; call {@link #freeze()} before handing it on.
 */
public final class Headers {
    /**
     * One name: its casing, its lower-case key, its values, and the read-only view of them once one is asked for.
     * The values of a frozen Headers can be shared by a copy ({@link #copy()}, {@link #setAll} of another's values),
     * which then copies them before its first change of its own.
     */
    private static final class Entry {
        final String name;
        final String key;
        /** The key's hash: a look-up walking the names compares it before the key. */
        final int hash;
        List<String> values;
        boolean shared;
        /**
         * Whether the name and values have been found sendable ({@link #malformed()}) since they last changed: each
         * answer is checked when made, and most of its headers are those of the answer before it, checked already.
         */
        boolean sendable;
        private View view;

        /** Whether the name is an RFC 9110 token: known with the name's key, so looked at once per distinct name. */
        final boolean tokenName;

        Entry(Known known, List<String> values, boolean shared) {
            this(known.name, known.key, known.token, values, shared);
        }

        Entry(String name, String key, boolean tokenName, List<String> values, boolean shared) {
            this.name = name;
            this.key = key;
            this.hash = key.hashCode();
            this.tokenName = tokenName;
            this.values = values;
            this.shared = shared;
        }

        /**
         * The values, read-only: of frozen headers, a one-value list as it is (it cannot change, and neither can
         * the name's values), else a view that follows the values as they change.
         */
        List<String> view(Headers owner) {
            if (owner.frozen && values.getClass() == SINGLETON) {
                return values;
            }
            View v = view;
            if (v == null) view = v = new View(owner, this);
            return v;
        }

        /** The values to change: copied first when they are shared or the one-value list a name starts with. */
        List<String> writable() {
            sendable = false;
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
        private final Headers owner;
        private final Entry entry;

        View(Headers owner, Entry entry) {
            this.owner = owner;
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
    private static final Map<String, Known> KEYS = new ConcurrentHashMap<>();
    private static final int MAX_KEYS = 512;
    /** The class of {@link Collections#singletonList}, which no one can change. */
    private static final Class<?> SINGLETON = Collections.singletonList("").getClass();
    private static final Entry[] NO_ENTRIES = new Entry[0];
    /**
     * Up to this many names a lookup walks the names in order (a request has a dozen or two: no map entry per name);
     * past it, a hash index finds them, so that an event with thousands of headers is still read in linear time.
     */
    private static final int INDEX_FROM = 24;
    private static final Headers EMPTY = new Headers().freeze();

    /** The names in insertion order, {@code size} of them. */
    private Entry[] entries = NO_ENTRIES;
    private int size;
    /** By key, once there are more than {@link #INDEX_FROM} names. */
    private HashMap<String, Entry> index;
    private boolean frozen;

    /** No headers (one shared instance: frozen headers cannot change). */
    public static Headers empty() {
        return EMPTY;
    }

    public Headers copy() {
        Headers copy = new Headers();
        copy.entries = new Entry[size + 4]; // room for the few a stage usually adds
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            // frozen values cannot change: the copy shares them until it changes them itself
            Entry same = frozen ? new Entry(e.name, e.key, e.tokenName, e.values, true)
                    : new Entry(e.name, e.key, e.tokenName, new ArrayList<>(e.values), false);
            same.sendable = e.sendable;
            copy.append(same);
        }
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

    /** A name (the instance looked up), its lower-case key, and whether it is a token. */
    private record Known(String name, String key, boolean token) {}

    /**
     * In front of {@link #KEYS}: the same name instance (a constant, or a name the event parser has seen before)
     * finds its key here by identity, without a hash map's look-up. Racing writers each store a whole record.
     */
    private static final Known[] RECENT = new Known[256];

    private static String key(String name) {
        return known(name).key;
    }

    private static Known known(String name) {
        int slot = name.hashCode() & (RECENT.length - 1);
        Known recent = RECENT[slot];
        if (recent != null && recent.name == name) return recent;
        Known known = KEYS.get(name);
        if (known == null) {
            known = new Known(name, name.toLowerCase(Locale.ROOT), isToken(name));
            // names already in lower case too: a hit then costs a hash look-up, not a scan of the name
            if (KEYS.size() < MAX_KEYS) KEYS.put(name, known);
        } else if (known.name != name) {
            known = new Known(name, known.key, known.token); // an equal name, another instance: kept by identity
        }
        RECENT[slot] = known;
        return known;
    }

    private void checkMutable() {
        if (frozen) throw new UnsupportedOperationException("headers are frozen");
    }

    private Entry find(String key) {
        if (index != null) return index.get(key);
        int hash = key.hashCode();
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            if (e.hash == hash && (e.key == key || e.key.equals(key))) return e;
        }
        return null;
    }

    /** Where the name is among the names, or -1 (the index, when there is one, answers whether it is there). */
    private int position(String key) {
        if (index != null && !index.containsKey(key)) return -1;
        int hash = key.hashCode();
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            if (e.hash == hash && (e.key == key || e.key.equals(key))) return i;
        }
        return -1;
    }

    private void append(Entry e) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.max(8, size * 2));
        }
        entries[size++] = e;
        if (index != null) {
            index.put(e.key, e);
        } else if (size > INDEX_FROM) {
            index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) index.put(entries[i].key, entries[i]);
        }
    }

    /** The entry in the place of the name's old one (a name keeps its place), or appended when it is new. */
    private void put(Entry e) {
        int at = position(e.key);
        if (at < 0) {
            append(e);
            return;
        }
        entries[at] = e;
        if (index != null) index.put(e.key, e);
    }

    /** Appends a value; a new name keeps the casing given here. */
    public Headers add(String name, String value) {
        checkMutable();
        Known known = known(name);
        Entry e = find(known.key);
        if (e == null) {
            // most names have one value: a one-value list until a second comes
            append(new Entry(known, Collections.singletonList(value), false));
        } else {
            e.writable().add(value);
        }
        return this;
    }

    /** Adds the name with its first value when the headers do not have it yet; false (and nothing added) when they do. */
    boolean addNew(String name, String value) {
        checkMutable();
        Known known = known(name);
        if (find(known.key) != null) return false;
        append(new Entry(known, Collections.singletonList(value), false));
        return true;
    }

    /** Replaces every value of the name; the name takes the casing given here. */
    public Headers set(String name, String value) {
        checkMutable();
        put(new Entry(known(name), Collections.singletonList(value), false));
        return this;
    }

    public Headers setAll(String name, List<String> values) {
        checkMutable();
        Known known = known(name);
        put(values instanceof View view && view.owner.frozen
                ? new Entry(known, view.entry.values, true) // another's frozen values: shared, copied on change
                : values.getClass() == SINGLETON
                ? new Entry(known, values, false) // no one can change it: kept, copied on a change here
                : new Entry(known, new ArrayList<>(values), false));
        return this;
    }

    public Headers remove(String name) {
        checkMutable();
        String key = key(name);
        int at = position(key);
        if (at < 0) return this;
        System.arraycopy(entries, at + 1, entries, at, size - at - 1);
        entries[--size] = null;
        if (index != null) index.remove(key);
        return this;
    }

    public boolean contains(String name) {
        return find(key(name)) != null;
    }

    /** Whether any name is among {@code lowerCaseNames} (names in lower case): one look-up per name held. */
    public boolean containsAny(Set<String> lowerCaseNames) {
        for (int i = 0; i < size; i++) {
            if (lowerCaseNames.contains(entries[i].key)) return true;
        }
        return false;
    }

    /** The first value, or null. */
    public String first(String name) {
        Entry e = find(key(name));
        return e == null || e.values.isEmpty() ? null : e.values.get(0);
    }

    /** The last value, or null: what a single-value caller (ALB, API Gateway {@code headers}) keeps. */
    public String last(String name) {
        Entry e = find(key(name));
        return e == null || e.values.isEmpty() ? null : e.values.get(e.values.size() - 1);
    }

    public List<String> all(String name) {
        Entry e = find(key(name));
        return e == null ? List.of() : e.view(this);
    }

    /** The name as it was first written, or null. */
    public String nameOf(String name) {
        Entry e = find(key(name));
        return e == null ? null : e.name;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name at a place in insertion order ({@code 0 <= at < size()}), for the encoder's walk. */
    String nameAt(int at) {
        return entries[at].name;
    }

    /** The lower-case name at a place. */
    String keyAt(int at) {
        return entries[at].key;
    }

    /** The values at a place, as held: not to be changed. */
    List<String> valuesAt(int at) {
        return entries[at].values;
    }

    /** Each name with all its values, in insertion order. */
    public void forEach(BiConsumer<String, List<String>> action) {
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            action.accept(e.name, e.view(this));
        }
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
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            if (e.sendable) {
                continue;
            }
            if (!e.tokenName) {
                return "the header name '" + printable(e.name) + "' is not a token";
            }
            for (String value : e.values) {
                if (value != null && breaksLine(value)) {
                    return "the value of header " + e.name + " holds CR, LF or NUL";
                }
            }
            e.sendable = true; // values of frozen headers never change: another thread may mark them too, alike
        }
        return null;
    }

    /** RFC 9110 {@code tchar}: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 128 || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value holds CR, LF or NUL. */
    private static boolean breaksLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
                return true;
            }
        }
        return false;
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
