package dev.portico.template.vtl;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.util.introspection.IntrospectionCacheData;

/**
 * Velocity's introspection cache for one template text, kept across its renders (Velocity keeps one per context,
 * and every render has a context of its own). Velocity files under it the method a call resolved to (keyed by the
 * method's name and argument classes) and the property reader a reference resolved to (keyed by the template's
 * node), each with the class of the object it was resolved on; Velocity uses an entry only for an object of that
 * same class and otherwise resolves anew, through {@link SandboxUberspector}, whose answer depends on the class
 * alone. The entries hold no render's state: {@link SandboxUberspector}'s methods charge the budget of the render
 * that runs them. The number of entries is bounded: past {@link #MAX_ENTRIES} a lookup is made per render again.
 */
final class IntrospectionCache {
    static final int MAX_ENTRIES = 512;

    private final ConcurrentHashMap<Object, IntrospectionCacheData> entries = new ConcurrentHashMap<>();

    IntrospectionCacheData get(Object key) {
        return key == null ? null : entries.get(key);
    }

    /** A null entry (Velocity files one when a lookup found nothing) is kept as none: the next render looks again. */
    void put(Object key, IntrospectionCacheData entry) {
        if (key == null) {
            return;
        }
        if (entry == null) {
            entries.remove(key);
        } else if (entries.size() < MAX_ENTRIES || entries.containsKey(key)) {
            entries.put(key, entry);
        }
    }

    int size() {
        return entries.size();
    }
}
