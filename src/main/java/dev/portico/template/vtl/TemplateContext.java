package dev.portico.template.vtl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.velocity.context.AbstractContext;
import org.apache.velocity.runtime.directive.ForeachScope;
import org.apache.velocity.util.introspection.IntrospectionCacheData;

/**
 * The variables of one render. Counts writes (every #set and every #foreach step is one) so that nested loops
 * cannot run unbounded, and refuses strings past the output limit so that doubling a string cannot exhaust memory.
 * Also answers Velocity 1.7's {@code $velocityCount} / {@code $velocityHasNext}, which Velocity 2 dropped.
 * Velocity's lookups of the methods and properties a template calls are kept in the template's
 * {@link IntrospectionCache}, not in the render's own context, so that they are made once per template, not once
 * per render.
 */
final class TemplateContext extends AbstractContext {
    /**
     * The variables: a render has a handful (the four defined ones and what its #set names), kept in order in two
     * arrays and found by walking them; past {@link #WALKED} a map takes over.
     */
    private String[] keys = new String[WALKED];
    private Object[] held = new Object[WALKED];
    private int size;
    private Map<String, Object> values;
    private static final int WALKED = 8;
    private final RenderBudget budget;
    private final IntrospectionCache lookups;

    TemplateContext(RenderBudget budget, IntrospectionCache lookups) {
        this.budget = budget;
        this.lookups = lookups;
    }

    @Override
    public IntrospectionCacheData icacheGet(Object key) {
        return lookups.get(key);
    }

    @Override
    public void icachePut(Object key, IntrospectionCacheData entry) {
        lookups.put(key, entry);
    }

    /** Puts a predefined variable ($input, $util, ...) without charging the budget. */
    void define(String key, Object value) {
        keep(key, value);
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) return i;
        }
        return -1;
    }

    private Object lookUp(String key) {
        if (values != null) return values.get(key);
        int at = indexOf(key);
        return at < 0 ? null : held[at];
    }

    /** Velocity never puts a null (a #set to null removes the name); a null here is kept as a value all the same. */
    private Object keep(String key, Object value) {
        if (values != null) return values.put(key, value);
        int at = indexOf(key);
        if (at >= 0) {
            Object old = held[at];
            held[at] = value;
            return old;
        }
        if (size == WALKED) {
            values = new HashMap<>(32);
            for (int i = 0; i < size; i++) values.put(keys[i], held[i]);
            keys = null;
            held = null;
            return values.put(key, value);
        }
        keys[size] = key;
        held[size++] = value;
        return null;
    }

    @Override
    public Object internalGet(String key) {
        Object value = lookUp(key);
        if (value == null && key.startsWith("velocity")) {
            if (lookUp("foreach") instanceof ForeachScope scope) {
                if (key.equals("velocityCount")) {
                    return scope.getCount();
                }
                if (key.equals("velocityHasNext")) {
                    return scope.hasNext();
                }
            }
        }
        return value;
    }

    @Override
    public Object internalPut(String key, Object value) {
        budget.write();
        budget.charge(value);
        return keep(key, value);
    }

    @Override
    public boolean internalContainsKey(String key) {
        return values != null ? values.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public String[] internalGetKeys() {
        return values != null ? values.keySet().toArray(new String[0]) : Arrays.copyOf(keys, size);
    }

    @Override
    public Object internalRemove(String key) {
        if (values != null) return values.remove(key);
        int at = indexOf(key);
        if (at < 0) return null;
        Object old = held[at];
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(held, at + 1, held, at, size - at - 1);
        size--;
        keys[size] = null;
        held[size] = null;
        return old;
    }
}
