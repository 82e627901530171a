package dev.portico.template.vtl;

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
    private final Map<String, Object> values = new HashMap<>(16);
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
        values.put(key, value);
    }

    @Override
    public Object internalGet(String key) {
        Object value = values.get(key);
        if (value == null && key.startsWith("velocity")) {
            if (values.get("foreach") instanceof ForeachScope scope) {
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
        return values.put(key, value);
    }

    @Override
    public boolean internalContainsKey(String key) {
        return values.containsKey(key);
    }

    @Override
    public String[] internalGetKeys() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Object internalRemove(String key) {
        return values.remove(key);
    }
}
