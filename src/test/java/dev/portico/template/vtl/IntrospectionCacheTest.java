package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateRenderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Velocity's method and property lookups are kept per template across its renders: each render must answer as a
 * template compiled afresh (with no lookup kept) answers, whatever classes the values of earlier renders had.
 */
class IntrospectionCacheTest {
    /** The same calls on a value that is a string, a list, a map, a number or missing from one render to the next. */
    private static final String TEXT = "#set($v = $input.path('$.v'))$v.size() $v.length() $v.isEmpty() $v.toString()"
            + " $v.get(0) $v.get('k') $v.intValue() $v.class $v.getClass() $v.k|$input.params('id').length()";
    private static final List<String> BODIES = List.of("{\"v\": \"text\"}", "{\"v\": [1, 2]}", "{\"v\": {\"k\": 3}}",
            "{\"v\": 42}", "{\"v\": 4.5}", "{}", "{\"v\": \"\"}", "{\"v\": {\"class\": \"c\"}}", "{\"v\": [[]]}",
            "{\"v\": \"text\"}", "{\"v\": [1, 2]}");

    private static String fresh(String text, Fixture request) {
        return outcome(Fixture.COMPILER.forOneTable().compile("r", text), request);
    }

    /** The output, or the failure's message. */
    private static String outcome(MappingTemplate template, Fixture request) {
        try {
            return template.render(request.input());
        } catch (TemplateRenderException e) {
            return "failed: " + e.getMessage();
        }
    }

    @Test
    void everyRenderAnswersAsAFreshTemplateWhateverTheEarlierRendersSaw() {
        MappingTemplate kept = Fixture.COMPILER.forOneTable().compile("r", TEXT);
        for (int round = 0; round < 2; round++) {
            for (String body : BODIES) {
                Fixture request = Fixture.request().body(body).path("id", "abc" + round);
                assertEquals(fresh(TEXT, request), outcome(kept, request), body);
            }
        }
        assertTrue(((VelocityMappingTemplate) kept).lookupsKept() > 0, "the lookups are kept");
    }

    @Test
    void aRefusedCallStaysRefusedAfterAllowedOnesWereKept() {
        String text = "$input.path('$.v').toString()|$input.path('$.v').getClass().getName()|"
                + "$input.path('$.v').toString().getClass()";
        MappingTemplate kept = Fixture.COMPILER.forOneTable().compile("r", text);
        for (int i = 0; i < 3; i++) {
            Fixture request = Fixture.request().body("{\"v\": \"x" + i + "\"}");
            assertEquals("x" + i + "||", kept.render(request.input()));
        }
    }

    @Test
    void aValueOfAnUnregisteredTypeStillFailsTheRender() {
        // A map's entry set is a type outside TemplateValueTypes: refused on every render, kept lookups or not.
        String text = "$input.path('$').toString() $input.path('$').entrySet().iterator().hashCode()";
        MappingTemplate kept = Fixture.COMPILER.forOneTable().compile("r", text);
        for (int i = 0; i < 2; i++) {
            Fixture request = Fixture.request().body("{\"a\": 1}");
            assertEquals(fresh(text, request), outcome(kept, request));
        }
    }

    @Test
    void theKeptLookupsAreBounded() {
        StringBuilder text = new StringBuilder("#set($m = {})");
        StringBuilder expected = new StringBuilder();
        int references = IntrospectionCache.MAX_ENTRIES + 200;
        for (int i = 0; i < references; i++) {
            text.append("$!m.k").append(i);
        }
        text.append("#set($m.k7 = 'seven')$m.k7");
        expected.append("seven");
        MappingTemplate kept = Fixture.COMPILER.forOneTable().compile("r", text.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.toString(), kept.render(Fixture.request().input()));
        }
        int size = ((VelocityMappingTemplate) kept).lookupsKept();
        assertTrue(size > 0 && size <= IntrospectionCache.MAX_ENTRIES, "kept " + size);
    }

    @Test
    void aTemplateThatFailsStillFailsOnItsNextRenders() {
        MappingTemplate kept = Fixture.COMPILER.forOneTable().compile("r",
                "#set($s = 'xxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = \"$s.toString()$s\")#end");
        for (int i = 0; i < 2; i++) {
            assertThrows(TemplateRenderException.class, () -> kept.render(Fixture.request().input()));
        }
    }
}
