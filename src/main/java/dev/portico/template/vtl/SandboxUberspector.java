package dev.portico.template.vtl;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.directive.Scope;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * An allow-list in front of Velocity's introspection. A template is user data: it may call the documented
 * methods of {@code $input} and {@code $util} and the methods of the JSON-shaped values they hand out
 * (maps, lists, strings, numbers, booleans) and of {@code $foreach}, nothing else. Anything refused behaves as
 * an invalid reference, so it renders empty and never runs.
 */
@RegisterForReflection
public final class SandboxUberspector extends UberspectImpl {
    private static final Set<String> BLOCKED_METHODS = Set.of(
            "getClass", "wait", "notify", "notifyAll", "finalize", "clone",
            // Builds unbounded strings in one call, before any output limit could see them.
            "repeat");

    static boolean allowed(Object target) {
        return target instanceof Map
                || target instanceof Collection
                || target instanceof Map.Entry
                || target instanceof String
                || target instanceof Number
                || target instanceof Boolean
                || target instanceof Character
                || target instanceof InputVariable
                || target instanceof UtilVariable
                || target instanceof Scope
                || target instanceof Scope.Info
                || target instanceof Object[];
    }

    @Override
    public Iterator getIterator(Object obj, Info info) {
        return allowed(obj) ? super.getIterator(obj, info) : null;
    }

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info info) {
        if (obj == null || !allowed(obj) || BLOCKED_METHODS.contains(methodName)) {
            return null;
        }
        VelMethod method = super.getMethod(obj, methodName, args, info);
        return method == null ? null : new Bounded(method);
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info info) {
        if (obj == null || !allowed(obj)) {
            return null;
        }
        if (identifier.equalsIgnoreCase("class")) {
            // $map.class would reach getClass(); a map key named "class" is still readable.
            return obj instanceof Map ? new MapKey(identifier) : null;
        }
        return super.getPropertyGet(obj, identifier, info);
    }

    @Override
    public VelPropertySet getPropertySet(Object obj, String identifier, Object arg, Info info) {
        if (obj == null || !(obj instanceof Map)) {
            return null;
        }
        Limits.DEFAULT.checkString(arg);
        return super.getPropertySet(obj, identifier, arg, info);
    }

    /** Checks arguments and results against the string size limit. */
    private record Bounded(VelMethod method) implements VelMethod {
        @Override
        public Object invoke(Object o, Object[] params) throws java.lang.reflect.InvocationTargetException, IllegalAccessException {
            if (params != null) {
                for (Object param : params) {
                    Limits.DEFAULT.checkString(param);
                }
            }
            Object result = method.invoke(o, params);
            Limits.DEFAULT.checkString(result);
            return result;
        }

        @Override
        public boolean isCacheable() {
            return method.isCacheable();
        }

        @Override
        public String getMethodName() {
            return method.getMethodName();
        }

        @Override
        public Method getMethod() {
            return method.getMethod();
        }

        @Override
        public Class<?> getReturnType() {
            return method.getReturnType();
        }
    }

    private record MapKey(String key) implements VelPropertyGet {
        @Override
        public Object invoke(Object o) {
            return ((Map<?, ?>) o).get(key);
        }

        @Override
        public boolean isCacheable() {
            return true;
        }

        @Override
        public String getMethodName() {
            return "get";
        }
    }
}
