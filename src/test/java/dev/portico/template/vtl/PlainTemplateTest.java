package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A text the load does not parse is one Velocity's parse accepts; the load still refuses every bad text. */
class PlainTemplateTest {
    private static final VelocityTemplateCompiler VELOCITY = new VelocityTemplateCompiler();
    /** The characters that matter to Velocity's lexer around a reference, and some that do not. */
    private static final String ALPHABET = "$a.Z1_-{}()[]!\"|#\\ *\n";

    @Test
    void commonTemplatesArePlain() {
        for (String text : List.of("", "{\"statusCode\": 200}", "{\"route\": \"$context.resourcePath\", \"n\": 7}",
                "$context.requestId", "costs $5", "{\"a\": \"$stageVariables.name\"}", "$")) {
            assertTrue(PlainTemplate.parsesAsIs(text), text);
        }
        for (String text : List.of("#set($a = 1)", "$input.json('$')", "${a}", "$!a", "$a[0]", "a\\$b", "$a.b(",
                "$a-b", "$$a", "$a.")) {
            assertFalse(PlainTemplate.parsesAsIs(text), text);
        }
    }

    @Test
    void everyPlainTextParses() {
        List<String> texts = new ArrayList<>();
        every("", 4, texts);
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        int plain = 0;
        for (String text : texts) {
            if (PlainTemplate.parsesAsIs(text)) {
                plain++;
                VELOCITY.parse("t", text); // throws TemplateSyntaxException if the recognizer was wrong
            }
        }
        assertTrue(plain > 1_000, "plain texts tried: " + plain);
    }

    @Test
    void aBadTextStillFailsToCompile() {
        for (String text : List.of("#if($x", "#end", "$a.b($c", "#foreach(")) {
            assertThrows(TemplateSyntaxException.class, () -> VELOCITY.compile("GET /a", text), text);
            assertThrows(TemplateSyntaxException.class, () -> VELOCITY.forOneTable().compile("GET /a", text), text);
        }
        assertEquals("$context.path", VELOCITY.forOneTable().compile("GET /a", "$context.path").source());
    }

    private static void every(String prefix, int length, List<String> into) {
        into.add(prefix);
        if (length > 0) {
            for (char c : "$a.({}!\"-]|".toCharArray()) {
                every(prefix + c, length - 1, into);
            }
        }
    }
}
