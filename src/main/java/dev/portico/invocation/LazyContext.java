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
    private final transient Trace trace;
    private final transient MappedPath mappedPath;
    /** Keys outside NAMES put before the map was complete, in order; null once complete. */
    private transient List<String> added = new ArrayList<>(2);

    LazyContext(IncomingRequest request, Route route, PorticoSettings settings, Trace trace, MappedPath mappedPath) {
        super(48);
        this.request = request;
        this.route = route;
        this.settings = settings;
        this.trace = trace;
        this.mappedPath = mappedPath;
    }

    /** The entry if it has been made or put, without making it. */
    Object built(String name) {
        return super.get(name);
    }

    private boolean makes(Object key) {
        return added != null && key instanceof String name && ContextVariables.NAME_SET.contains(name)
                && !super.containsKey(name);
    }

    private void make(Object key) {
        String name = (String) key;
        super.put(name, ContextVariables.entry(name, request, route, settings, trace, mappedPath));
    }

    /** Makes every entry, in the order a map filled up front has them. */
    private void complete() {
        if (added == null) return;
        List<String> extra = added;
        added = null;
        Object[] known = new Object[ContextVariables.NAMES.size()];
        boolean[] has = new boolean[known.length];
        for (int i = 0; i < known.length; i++) {
            String name = ContextVariables.NAMES.get(i);
            has[i] = super.containsKey(name);
            known[i] = super.get(name);
        }
        Object[] extraValues = new Object[extra.size()];
        for (int i = 0; i < extraValues.length; i++) extraValues[i] = super.get(extra.get(i));
        super.clear();
        for (int i = 0; i < known.length; i++) {
            String name = ContextVariables.NAMES.get(i);
            super.put(name, has[i] ? known[i]
                    : ContextVariables.entry(name, request, route, settings, trace, mappedPath));
        }
        for (int i = 0; i < extraValues.length; i++) super.put(extra.get(i), extraValues[i]);
    }

    @Override
    public Object get(Object key) {
        if (makes(key)) make(key);
        return super.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        if (makes(key)) make(key);
        return super.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        if (makes(key)) return true;
        return super.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        if (added != null && !super.containsKey(key)) {
            if (ContextVariables.NAME_SET.contains(key)) {
                Object before = ContextVariables.entry(key, request, route, settings, trace, mappedPath);
                super.put(key, value);
                return before;
            }
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
