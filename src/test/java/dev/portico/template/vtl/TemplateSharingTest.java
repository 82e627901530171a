package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateRenderException;
import dev.portico.template.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

/** One compiled form per distinct text of a table; checked tables parse at first use and fail there cleanly. */
class TemplateSharingTest {
    private static final String TEXT = "{\"id\": \"$input.params('id')\"}";

    @Test
    void oneTableSharesATextBetweenRoutes() {
        TemplateCompiler table = Fixture.COMPILER.forOneTable();
        MappingTemplate first = table.compile("GET /a request template application/json", TEXT);
        MappingTemplate second = table.compile("GET /b request template application/json", TEXT);
        assertSame(first, second);
        assertNotSame(first, table.compile("GET /c request template application/json", TEXT + " "));
        Fixture request = Fixture.request().path("id", "7");
        assertEquals("{\"id\": \"7\"}", first.render(request.input()));
        assertEquals("{\"id\": \"7\"}", second.render(request.input()));
    }

    @Test
    void anotherTableCompilesAgain() {
        assertNotSame(Fixture.COMPILER.forOneTable().compile("r", TEXT), Fixture.COMPILER.forOneTable().compile("r", TEXT));
    }

    @Test
    void aBadTextStillFailsAtCompileEvenWhenShared() {
        TemplateCompiler table = Fixture.COMPILER.forOneTable();
        assertThrows(TemplateSyntaxException.class, () -> table.compile("GET /a", "#if($x"));
        TemplateSyntaxException again = assertThrows(TemplateSyntaxException.class, () -> table.compile("GET /b", "#if($x"));
        assertTrue(again.getMessage().contains("GET /b"), again.getMessage());
    }

    @Test
    void aCheckedTemplateParsesAtFirstRender() {
        MappingTemplate template = Fixture.COMPILER.forOneTable().checked("GET /a", "#set($n = 2)n=$n");
        assertEquals("n=2", template.render(Fixture.request().input()));
        assertEquals("n=2", template.render(Fixture.request().input()));
    }

    @Test
    void aCheckedTemplateThatDoesNotParseFailsEachRenderAsARenderError() {
        MappingTemplate template = Fixture.COMPILER.checked("GET /a", "ok\n#foreach($a in [1])x");
        for (int i = 0; i < 2; i++) {
            TemplateRenderException e = assertThrows(TemplateRenderException.class,
                    () -> template.render(Fixture.request().input()));
            assertTrue(e.getMessage().startsWith("mapping template does not parse: "), e.getMessage());
        }
        assertEquals("ok\n#foreach($a in [1])x", template.source());
    }

    @Test
    void textEndsCleanlyWithoutATrailingNewline() {
        // The parser's end of input comes from EndOfTemplateReader; text right at the end must not be lost.
        assertEquals("a", Fixture.request().render("a"));
        assertEquals("", Fixture.request().render(""));
        assertEquals("x7", Fixture.request().path("id", "7").render("x$input.params('id')"));
        assertEquals("$", Fixture.request().render("$"));
        assertEquals("#", Fixture.request().render("#"));
    }
}
