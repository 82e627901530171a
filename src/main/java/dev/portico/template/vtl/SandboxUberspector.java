package dev.portico.template.vtl;

import dev.portico.template.Regex;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
 * an invalid reference, so it renders empty and never runs. Every call is charged to the render's
 * {@link RenderBudget}: its arguments and result are checked against the {@link Limits}, a list or map it grows
 * too, and the String methods that take a regular expression or build a string by replacement run through
 * {@link Regex}, bounded.
 */
@RegisterForReflection
public final class SandboxUberspector extends UberspectImpl {
    private static final Set<String> BLOCKED_METHODS = Set.of(
            "getClass", "wait", "notify", "notifyAll", "finalize", "clone",
            // Build unbounded strings in one call, before any output limit could see them.
            "repeat", "indent", "format", "formatted");
    /** Static methods of Integer, Long and Boolean that read JVM system properties. */
    private static final Set<String> SYSTEM_PROPERTY_READERS = Set.of("getInteger", "getLong", "getBoolean");
    /** Methods of numbers whose result can grow far beyond their arguments' size in one call. */
    private static final Set<String> NUMBER_GROWERS = Set.of("pow", "shiftLeft", "shiftRight", "setBit", "flipBit",
            "clearBit", "scaleByPowerOfTen", "movePointLeft", "movePointRight", "setScale", "toPlainString");

    static boolean allowed(Object target) {
        return (target instanceof Map
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
                || target instanceof Object[]) && registered(target);
    }

    /**
     * A value of a type outside {@link TemplateValueTypes} fails the render here, on the JVM too: a native image
     * could not introspect it (it would render empty, or throw MissingReflectionRegistrationError).
     */
    private static boolean registered(Object target) {
        if (!TemplateValueTypes.covers(target.getClass())) {
            throw new IllegalStateException("a template reached a value of " + target.getClass().getName()
                    + ", which is not in TemplateValueTypes.ROOTS (a native image could not introspect it)");
        }
        return true;
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
        if (obj instanceof Number && NUMBER_GROWERS.contains(methodName)) {
            return null;
        }
        VelMethod method = super.getMethod(obj, methodName, args, info);
        if (method == null || method.getMethod() != null && Modifier.isStatic(method.getMethod().getModifiers())
                && SYSTEM_PROPERTY_READERS.contains(methodName)) {
            return null;
        }
        return new Bounded(method);
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
        RenderBudget.current().charge(arg);
        return super.getPropertySet(obj, identifier, arg, info);
    }

    /** Charges each call, its arguments and its result to the render's budget. */
    private record Bounded(VelMethod method) implements VelMethod {
        @Override
        public Object invoke(Object o, Object[] params) throws InvocationTargetException, IllegalAccessException {
            RenderBudget budget = RenderBudget.current();
            budget.call();
            if (params != null) {
                for (Object param : params) {
                    budget.charge(param);
                }
            }
            Object result = o instanceof String text ? stringMethod(text, params, budget.limits()) : NOT_SPECIAL;
            if (result == NOT_SPECIAL) {
                result = method.invoke(o, params);
            }
            budget.limits().checkString(result);
            if (result instanceof Collection<?> || result instanceof Map<?, ?> || result instanceof Object[]
                    || result instanceof Number) {
                budget.charge(result);
            }
            if (o instanceof Collection<?> collection) {
                budget.checkElements(collection.size());
            } else if (o instanceof Map<?, ?> map) {
                budget.checkElements(map.size());
            }
            return result;
        }

        /** The String methods that match a pattern or replace, run bounded; {@link #NOT_SPECIAL} for the rest. */
        private Object stringMethod(String text, Object[] params, Limits limits) {
            Method target = method.getMethod();
            if (target == null || target.getDeclaringClass() != String.class || params == null) {
                return NOT_SPECIAL;
            }
            Class<?>[] types = target.getParameterTypes();
            try {
                switch (target.getName()) {
                    case "matches":
                        return Regex.matches(Pattern.compile((String) params[0]), text);
                    case "replaceAll":
                    case "replaceFirst":
                        return Regex.replace(Pattern.compile((String) params[0]), text, (String) params[1],
                                target.getName().equals("replaceAll"), limits.maxOutputChars());
                    case "replace":
                        if (types.length == 2 && types[0] == CharSequence.class) {
                            return Regex.replace(Pattern.compile(params[0].toString(), Pattern.LITERAL), text,
                                    java.util.regex.Matcher.quoteReplacement(params[1].toString()), true,
                                    limits.maxOutputChars());
                        }
                        return NOT_SPECIAL;
                    case "split":
                        return Regex.split(Pattern.compile((String) params[0]), text,
                                types.length == 2 ? (Integer) params[1] : 0);
                    default:
                        return NOT_SPECIAL;
                }
            } catch (Regex.LimitExceeded e) {
                throw new RenderLimitException(e.getMessage());
            }
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

    private static final Object NOT_SPECIAL = new Object();

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
