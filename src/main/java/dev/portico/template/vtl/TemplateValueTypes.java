package dev.portico.template.vtl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.velocity.runtime.directive.ForeachScope;
import org.apache.velocity.runtime.directive.Scope;
import org.apache.velocity.util.ArrayListWrapper;

/**
 * The closed set of types whose methods a template may reach through Velocity's introspection: what JSON parsing
 * (json-smart, via JsonPath) and Portico's variables hand out, what Velocity itself makes ({@code #set} lists and
 * maps, numbers, {@code $foreach}), and Portico's own variables. Velocity looks a method up by walking the value's
 * class, its superclasses and all its interfaces and reading each public one's declared methods and fields; a native
 * image answers those lookups only for registered classes. {@link #ROOTS} plus everything above them
 * ({@link #closure()}) is what {@code dev.portico.config.NativeImageHints} registers, and {@link SandboxUberspector}
 * refuses, on the JVM as in a native image, a value of a class the set does not {@link #covers cover}: so a value of
 * a new type fails every test that renders it, not only the native build.
 *
 * <p>To let templates reach a new type, add it (its most specific public class) to {@link #ROOTS}.
 */
public final class TemplateValueTypes {
    /** The most specific public classes of values that reach templates; their supertypes follow from them. */
    public static final List<Class<?>> ROOTS = List.of(
            // JSON values: the array of JsonPath's provider (json-smart's; its objects are LinkedHashMaps, below),
            // named rather than made by a parse, so that the set costs no JsonPath start-up where no template uses
            // JSON (TemplateValueTypesTest checks it against what the provider makes)...
            net.minidev.json.JSONArray.class,
            // ... and the JDK's, which Portico's variables and Velocity's #set literals are made of.
            HashMap.class, LinkedHashMap.class, TreeMap.class, ArrayList.class, LinkedList.class, ArrayDeque.class,
            HashSet.class, LinkedHashSet.class, TreeSet.class,
            AbstractMap.SimpleEntry.class, AbstractMap.SimpleImmutableEntry.class,
            String.class, StringBuilder.class, Boolean.class, Character.class,
            Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class,
            BigInteger.class, BigDecimal.class,
            // Velocity's own: the $foreach scope (and its $foreach.topmost / parent), arrays wrapped as lists.
            ForeachScope.class, Scope.class, Scope.Info.class, ArrayListWrapper.class,
            org.apache.velocity.runtime.parser.node.ASTIntegerRange.IntegerRange.class, // [1..3]
            // Portico's variables.
            InputVariable.class, UtilVariable.class);

    private static final Set<Class<?>> CLOSURE = closureOf(ROOTS);

    private static final ClassValue<Boolean> COVERED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return hierarchy(type).stream()
                    .filter(c -> java.lang.reflect.Modifier.isPublic(c.getModifiers()))
                    .allMatch(CLOSURE::contains);
        }
    };

    private TemplateValueTypes() {}

    /** {@link #ROOTS} with all their superclasses and interfaces: the classes to register. */
    public static Set<Class<?>> closure() {
        return CLOSURE;
    }

    /**
     * Whether Velocity can introspect a value of {@code type} in a native image: every public class and interface
     * it would read (the type, its superclasses, all their interfaces) is in {@link #closure()}. A type that is not
     * public itself (a {@code HashMap} entry, {@code List.of}'s lists) is covered by its public supertypes.
     */
    public static boolean covers(Class<?> type) {
        return type.isArray() ? CLOSURE.contains(ArrayListWrapper.class) : COVERED.get(type);
    }

    /**
     * The classes Velocity creates by name: every {@code *.class} and {@code directive.N} setting of its defaults
     * ({@code org/apache/velocity/runtime/defaults/}) and of {@link VelocityTemplateCompiler#properties}, and its
     * default parser, {@code StandardParser} (RuntimeInstance's built-in {@code parser.class}).
     */
    public static Set<String> velocityCreatedByName() {
        Set<String> names = new java.util.TreeSet<>();
        names.add("org.apache.velocity.runtime.parser.StandardParser");
        java.util.Properties all = new java.util.Properties();
        for (String defaults : List.of("velocity.properties", "directive.properties")) {
            try (var in = org.apache.velocity.runtime.RuntimeInstance.class.getResourceAsStream(
                    "/org/apache/velocity/runtime/defaults/" + defaults)) {
                all.load(in);
            } catch (java.io.IOException | NullPointerException e) {
                throw new IllegalStateException("Velocity's " + defaults + " is unreadable", e);
            }
        }
        all.putAll(VelocityTemplateCompiler.properties(Limits.DEFAULT));
        for (String key : all.stringPropertyNames()) {
            if (key.endsWith(".class") || key.matches("directive\\.\\d+")) {
                for (String name : all.getProperty(key).split(",")) {
                    if (!name.isBlank() && !name.strip().equals("none")) {
                        names.add(name.strip());
                    }
                }
            }
        }
        return names;
    }

    /** The type, its superclasses and all their interfaces, transitively. */
    static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        addHierarchy(type, found);
        return found;
    }

    private static void addHierarchy(Class<?> type, Set<Class<?>> found) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (found.add(c)) {
                for (Class<?> i : c.getInterfaces()) {
                    addHierarchy(i, found);
                }
            }
        }
    }

    private static Set<Class<?>> closureOf(List<Class<?>> roots) {
        Set<Class<?>> all = new LinkedHashSet<>();
        roots.forEach(root -> addHierarchy(root, all));
        return java.util.Collections.unmodifiableSet(all);
    }
}
