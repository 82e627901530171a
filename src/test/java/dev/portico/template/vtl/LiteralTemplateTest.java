package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.Headers;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A literal template is answered as it is, and that is exactly what Velocity's render of it gives. */
class LiteralTemplateTest {
    private static final VelocityTemplateCompiler VELOCITY = new VelocityTemplateCompiler();
    /** Text characters Velocity's lexer treats in some way (quotes, braces, brackets, stars, line ends), and others. */
    private static final String ALPHABET = "a Z1_-{}()[]!\"'|*@%&<>=:;,.?/~^`\t\r\n\u00e9\u4e2d\ud83d\ude00";
    private static final TemplateInput INPUT = new TemplateInput("{\"a\": 1}", Map.of("p", "v"),
            Map.of("q", List.of("1")), new Headers().add("Accept", "*/*").freeze(),
            new HashMap<>(Map.of("stage", "prod")), Map.of("s", "t"));

    @Test
    void literalTextsRenderAsVelocityRendersThem() {
        List<String> texts = new ArrayList<>(List.of("", " ", "{\"statusCode\": 200}", "{\"statusCode\": 200}\n",
                "\r\n\r\n", "{\n  \"statusCode\" : 404\n}", "*]}) '\"", "\u00e9t\u00e9 \ud83d\ude00"));
        Random random = new Random(25);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            VelocityMappingTemplate template = (VelocityMappingTemplate) VELOCITY.compile("GET /a", text);
            assertTrue(VelocityMappingTemplate.isLiteral(text, Limits.DEFAULT), text);
            assertEquals(template.merge(INPUT), template.render(INPUT), text);
        }
    }

    @Test
    void aReferenceDirectiveOrEscapeIsRendered() {
        for (String text : List.of("$context.stage", "costs $5", "## a comment", "#set($a = 1)$a", "a\\b", "\\#x")) {
            assertFalse(VelocityMappingTemplate.isLiteral(text, Limits.DEFAULT), text);
        }
        assertEquals("prod", VELOCITY.compile("GET /a", "$context.stage").render(INPUT));
        assertEquals("", VELOCITY.compile("GET /a", "## a comment").render(INPUT));
    }

    @Test
    void aLiteralOverTheOutputLimitIsStillRefused() {
        Limits small = new Limits(8, Limits.DEFAULT.maxWrites(), Limits.DEFAULT.maxLoopIterations(),
                Limits.DEFAULT.maxCalls(), Limits.DEFAULT.maxBuiltChars(), Limits.DEFAULT.maxElements(),
                Limits.DEFAULT.maxNumberBits(), Limits.DEFAULT.maxRenderMillis());
        VelocityTemplateCompiler limited = new VelocityTemplateCompiler(small);
        assertEquals("12345678", limited.compile("GET /a", "12345678").render(INPUT));
        assertThrows(TemplateRenderException.class, () -> limited.compile("GET /a", "123456789").render(INPUT));
    }
}
