package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import dev.portico.event.Headers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The render's output buffer is the thread's spare one when free: what one render wrote never shows in the next,
 * a writer made while another is in use gets its own, and an oversized buffer is not kept.
 */
class LimitedWriterTest {
    private static RenderBudget budget() {
        return new RenderBudget(Limits.DEFAULT, Long.MAX_VALUE);
    }

    @Test
    void aWriterInUseIsNeverSharedAndAReleasedOneStartsEmpty() {
        LimitedWriter first = new LimitedWriter(budget());
        first.write("first render");
        LimitedWriter inner = new LimitedWriter(budget()); // made while the first is in use, as a nested render
        inner.write("inner");
        assertEquals("first render", first.toString());
        assertEquals("inner", inner.toString());
        inner.release();
        first.release();
        LimitedWriter next = new LimitedWriter(budget());
        assertEquals("", next.toString(), "a released buffer starts empty");
        next.write("next");
        assertEquals("next", next.toString());
        next.release();
        next.release(); // harmless twice
    }

    @Test
    void aBufferGrownPastTheKeptCapacityIsDropped() {
        LimitedWriter big = new LimitedWriter(budget());
        big.write("x".repeat(LimitedWriter.KEPT_CAPACITY * 2));
        big.release();
        LimitedWriter next = new LimitedWriter(budget());
        next.write("y");
        assertEquals("y", next.toString());
        next.release();
    }

    @Test
    void aRenderThatFailsLeavesNothingForTheNext() {
        MappingTemplate failing = new VelocityTemplateCompiler().compile("t", "partial output $util.urlDecode('%zz')");
        MappingTemplate plain = new VelocityTemplateCompiler().compile("t", "#set($a = 1)clean $a");
        TemplateInput input = new TemplateInput("", Map.of(), Map.of(), new Headers(), Map.of(), Map.of());
        assertThrows(TemplateRenderException.class, () -> failing.render(input));
        for (int i = 0; i < 3; i++) {
            assertEquals("clean 1", plain.render(input));
        }
    }
}
