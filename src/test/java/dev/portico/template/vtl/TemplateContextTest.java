package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A render's variables, walked in arrays while few and in a map past that, against a plain map. */
class TemplateContextTest {
    @Test
    void behavesAsAMapThroughRandomChanges() {
        Random random = new Random(5);
        for (int run = 0; run < 200; run++) {
            TemplateContext context = new TemplateContext(new RenderBudget(Limits.DEFAULT, Long.MAX_VALUE),
                    new IntrospectionCache());
            Map<String, Object> model = new HashMap<>();
            int names = 1 + random.nextInt(run % 2 == 0 ? 6 : 20);
            for (int step = 0; step < 60; step++) {
                String key = "v" + random.nextInt(names);
                switch (random.nextInt(3)) {
                    case 0 -> assertEquals(model.put(key, step), context.internalPut(key, step), key);
                    case 1 -> assertEquals(model.remove(key), context.internalRemove(key), key);
                    default -> assertEquals(model.get(key), context.internalGet(key), key);
                }
                assertEquals(model.containsKey(key), context.internalContainsKey(key));
                String[] keys = context.internalGetKeys();
                Arrays.sort(keys);
                String[] expected = model.keySet().toArray(new String[0]);
                Arrays.sort(expected);
                assertArrayEquals(expected, keys);
            }
        }
    }

    @Test
    void manyVariablesInOneRender() {
        StringBuilder template = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20; i++) template.append("#set($v").append(i).append(" = ").append(i * i).append(")");
        for (int i = 19; i >= 0; i--) {
            template.append("$v").append(i).append(',');
            expected.append(i * i).append(',');
        }
        assertEquals(expected.toString(), Fixture.request().render(template.toString()));
        assertEquals("1,2:1:true;2,3:2:false;", Fixture.request().render(
                "#set($a = 1)#foreach($i in [1, 2])#set($b = $i + 1)$i,$b:$velocityCount:$velocityHasNext;#end"));
        assertNull(new TemplateContext(new RenderBudget(Limits.DEFAULT, Long.MAX_VALUE), new IntrospectionCache())
                .internalGet("missing"));
        assertFalse(new TemplateContext(new RenderBudget(Limits.DEFAULT, Long.MAX_VALUE), new IntrospectionCache())
                .internalContainsKey("missing"));
    }
}
