package dev.portico.invocation;

import dev.portico.event.IncomingRequest;
import dev.portico.route.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code $context} whose entries are made on first read. {@link #get}, {@link #getOrDefault},
 * {@link #containsKey} and {@link #put} make or set one entry; everything else (iteration, size, removal, the
 * compute family) first makes the whole map, in {@link ContextVariables#NAMES}' order and then the keys put
 * beside them, so that it is the same HashMap, iteration order included, as one filled up front. A HashMap, not
 * a map of its own: templates reach it through the JDK types they are allowed (this class is not public, so
 * Velocity's introspection sees HashMap's methods).
 */
final class LazyContext extends java.util.HashMap<String, Object> {
    private final transient IncomingRequest request;
    private final transient Route route;
    private final transient PorticoSettings settings;
    private final transient Supplier<Trace> trace;
    private final transient MappedPath mappedPath;
    /** The entries of NAMES by index until the map is complete (NOT_MADE for one not made yet); null after. */
    private Object[] made = new Object[ContextVariables.NAMES.size()];
    /** Keys outside NAMES put before the map was complete, in order (they alone are in the HashMap until then). */
    private List<String> added;
    private static final Object NOT_MADE = new Object();
    private static final Map<String, Integer> INDEX = indexes();

    LazyContext(IncomingRequest request, Route route, PorticoSettings settings, Supplier<Trace> trace,
                MappedPath mappedPath) {
        super(48);
        this.request = request;
        this.route = route;
        this.settings = settings;
        this.trace = trace;
        this.mappedPath = mappedPath;
        java.util.Arrays.fill(made, NOT_MADE);
    }

    private static Map<String, Integer> indexes() {
        Map<String, Integer> indexes = new java.util.HashMap<>();
        for (int i = 0; i < ContextVariables.NAMES.size(); i++) indexes.put(ContextVariables.NAMES.get(i), i);
        return Map.copyOf(indexes);
    }

    /** The index in NAMES while the map is incomplete, else -1 (and for other keys). */
    private int index(Object key) {
        if (made == null || !(key instanceof String)) return -1;
        Integer index = INDEX.get(key);
        return index == null ? -1 : index;
    }

    private Object entry(int index) {
        Object value = made[index];
        if (value == NOT_MADE) {
            value = ContextVariables.entry(ContextVariables.NAMES.get(index), request, route, settings, trace, mappedPath);
            made[index] = value;
        }
        return value;
    }

    /** The entry if it has been made or put, without making it. */
    Object built(String name) {
        int index = index(name);
        if (index < 0) return super.get(name);
        Object value = made[index];
        return value == NOT_MADE ? null : value;
    }

    /** Makes every entry, in the order a map filled up front has them. */
    private void complete() {
        if (made == null) return;
        Object[] known = made;
        made = null;
        List<String> extra = added == null ? List.of() : added;
        added = null;
        Object[] extraValues = new Object[extra.size()];
        for (int i = 0; i < extraValues.length; i++) extraValues[i] = super.get(extra.get(i));
        super.clear();
        for (int i = 0; i < known.length; i++) {
            String name = ContextVariables.NAMES.get(i);
            super.put(name, known[i] != NOT_MADE ? known[i]
                    : ContextVariables.entry(name, request, route, settings, trace, mappedPath));
        }
        for (int i = 0; i < extraValues.length; i++) super.put(extra.get(i), extraValues[i]);
    }

    @Override
    public Object get(Object key) {
        int index = index(key);
        return index >= 0 ? entry(index) : super.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        int index = index(key);
        return index >= 0 ? entry(index) : super.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0 || super.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        int index = index(key);
        if (index >= 0) {
            Object before = entry(index);
            made[index] = value;
            return before;
        }
        if (made != null && !super.containsKey(key)) {
            if (added == null) added = new ArrayList<>(2);
            added.add(key);
        }
        return super.put(key, value);
    }

    @Override
    public int size() {
        complete();
        return super.size();
    }

    @Override
    public boolean isEmpty() {
        complete();
        return super.isEmpty();
    }

    @Override
    public boolean containsValue(Object value) {
        complete();
        return super.containsValue(value);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        complete();
        super.putAll(m);
    }

    @Override
    public Object remove(Object key) {
        complete();
        return super.remove(key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        complete();
        return super.remove(key, value);
    }

    @Override
    public void clear() {
        complete();
        super.clear();
    }

    @Override
    public Set<String> keySet() {
        complete();
        return super.keySet();
    }

    @Override
    public Collection<Object> values() {
        complete();
        return super.values();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        complete();
        return super.entrySet();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        complete();
        return super.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        complete();
        return super.replace(key, oldValue, newValue);
    }

    @Override
    public Object replace(String key, Object value) {
        complete();
        return super.replace(key, value);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
        complete();
        return super.computeIfAbsent(key, mappingFunction);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        complete();
        return super.computeIfPresent(key, remappingFunction);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        complete();
        return super.compute(key, remappingFunction);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remappingFunction) {
        complete();
        return super.merge(key, value, remappingFunction);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        complete();
        super.forEach(action);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        complete();
        super.replaceAll(function);
    }

    @Override
    public Object clone() {
        complete();
        return super.clone();
    }

    @Override
    public boolean equals(Object o) {
        complete();
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        complete();
        return super.hashCode();
    }

    @Override
    public String toString() {
        complete();
        return super.toString();
    }
}
