package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The closed set of template value types that the native image registers for Velocity's introspection
 * (issue 21): what Velocity would look up is in it, and a value outside it fails on the JVM too.
 */
class TemplateValueTypesTest {

    /** What the issue found unregistered in the native image, each read by Velocity when a value reaches it. */
    @Test
    void theClosureHoldsEverythingVelocityWalksForJsonValues() throws Exception {
        Set<Class<?>> closure = TemplateValueTypes.closure();
        for (Class<?> type : List.of(Map.class, java.util.AbstractMap.class, HashMap.class, LinkedHashMap.class,
                java.util.SequencedMap.class, java.util.Collection.class, List.class, ArrayList.class, Iterable.class,
                String.class, CharSequence.class, Number.class, Integer.class, Long.class, java.math.BigDecimal.class,
                Boolean.class, Object.class, org.apache.velocity.runtime.directive.Scope.class,
                org.apache.velocity.runtime.directive.ForeachScope.class,
                Class.forName("net.minidev.json.JSONAware"), Class.forName("net.minidev.json.JSONAwareEx"),
                Class.forName("net.minidev.json.JSONStreamAware"), Class.forName("net.minidev.json.JSONStreamAwareEx"))) {
            assertTrue(closure.contains(type), type.getName());
        }
    }

    @Test
    void theJsonContainersJsonPathsProviderMakesAreRoots() {
        var provider = dev.portico.template.JsonText.configuration().jsonProvider();
        for (Object made : List.of(dev.portico.template.JsonText.parse("{\"a\": [1]}"),
                dev.portico.template.JsonText.parse("[{}]"), provider.createMap(), provider.createArray())) {
            assertTrue(TemplateValueTypes.ROOTS.contains(made.getClass()), made.getClass().getName());
        }
    }

    @Test
    void nonPublicJdkCollectionsAreCoveredByTheirPublicSupertypes() {
        Map<String, Object> map = new HashMap<>(Map.of("k", 1));
        List<Object> values = List.of(List.of(), List.of(1), List.of(1, 2, 3), Map.of(), Map.of("a", 1),
                Map.of("a", 1, "b", 2), Collections.unmodifiableMap(map), Collections.unmodifiableList(new ArrayList<>()),
                Collections.emptyList(), Collections.singletonList(1), java.util.Arrays.asList(1, 2),
                map.entrySet(), map.keySet(), map.values(), map.entrySet().iterator().next(),
                new LinkedHashMap<>(map).entrySet(), new LinkedHashMap<>(map).keySet(), new LinkedHashMap<>(map).values(),
                new ArrayList<>(List.of(1, 2, 3)).subList(0, 1), new ArrayList<>(List.of(1)).reversed(),
                new String[] {"a"}, new Object[0]);
        for (Object value : values) {
            assertTrue(TemplateValueTypes.covers(value.getClass()), value.getClass().getName());
        }
    }

    @Test
    void aValueOfAnUnlistedTypeFailsOnTheJvmToo() {
        Object unlisted = new ConcurrentHashMap<String, String>();
        assertFalse(TemplateValueTypes.covers(unlisted.getClass()));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SandboxUberspector.allowed(unlisted));
        assertTrue(refused.getMessage().contains("java.util.concurrent.ConcurrentHashMap"), refused.getMessage());
        assertTrue(refused.getMessage().contains("TemplateValueTypes.ROOTS"), refused.getMessage());
    }

    /**
     * The constructs the issue found rendering empty in the native image, rendered here through the same sandbox:
     * each value reaching Velocity passes the registration check, and renders its value.
     */
    @Test
    void theConstructsThatRenderedEmptyNativelyRenderTheirValues() {
        Fixture f = Fixture.request().body("{\"items\": [{\"n\": 1}, {\"n\": 2.5}], \"s\": \"abc\", \"o\": {\"k\": true}}")
                .stage("color", "blue");
        assertEquals("2", f.render("$input.path('$.items').size()"));
        assertEquals("blue/blue/blue", f.render("$stageVariables.color/${stageVariables.color}/$stageVariables.get('color')"));
        assertEquals("1,2.5", f.render("#foreach($i in $input.path('$.items'))$i.n#if($foreach.hasNext),#end#end"));
        assertEquals("true|1", f.render("#set($p = $util.parseJson('{\"a\":[true,1]}'))$p.a[0]|$p.a.get(1)"));
        assertEquals("3:ABC:b", f.render("#set($s = $input.path('$.s'))$s.length():$s.toUpperCase():$s.charAt(1)"));
        assertEquals("k=true", f.render("#foreach($e in $input.path('$.o').entrySet())$e.key=$e.value#end"));
        assertEquals("a-b", f.render("#set($csv = 'a,b')#set($parts = $csv.split(','))$parts.get(0)-$parts[1]"));
        assertEquals("3|2", f.render("#set($l = [1, 2, 3])#set($m = {'x': 2})$l.size()|$m.x"));
        assertEquals("503", f.render("#set($context.responseOverride.status = 503)$context.responseOverride.status"));
        assertEquals("1-2-3|3", f.render("#foreach($i in [1..3])$i#if($foreach.hasNext)-#end#end|#set($r = [1..3])$r.size()"));
        assertEquals("4.5", f.render("#set($n = $input.path('$.items[1].n'))#set($d = $n + 2)$d"));
    }

    @Test
    void velocitysClassesCreatedByNameAreDerivedFromItsSettings() throws Exception {
        Set<String> names = TemplateValueTypes.velocityCreatedByName();
        for (String expected : List.of("org.apache.velocity.runtime.resource.ResourceManagerImpl",
                "org.apache.velocity.runtime.directive.Foreach", "org.apache.velocity.runtime.parser.StandardParser",
                SandboxUberspector.class.getName())) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        for (String name : names) {
            Class.forName(name, false, getClass().getClassLoader()); // each names a class that exists
        }
    }
}
