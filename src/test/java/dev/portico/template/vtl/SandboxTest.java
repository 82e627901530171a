package dev.portico.template.vtl;

import static dev.portico.template.vtl.Fixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.template.TemplateRenderException;
import dev.portico.template.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

/** A template is user data: it cannot reach classes, reflection or processes, and every resource is bounded. */
class SandboxTest {

    @Test
    void getClassRendersNothing() {
        assertEquals("[][][][][]", request().render(
                "[$input.getClass()][$util.class][$context.getClass()][$input.body.getClass()][$context.class.name]"));
    }

    @Test
    void forNameCannotBeReached() {
        assertEquals("[][]", request().render(
                "[$util.class.forName('java.lang.Runtime')][$input.getClass().forName('java.lang.System').getProperty('user.home')]"));
    }

    @Test
    void runtimeExecCannotRun() {
        String out = request().render("#set($rt = $input.getClass().forName('java.lang.Runtime'))"
                + "[$rt.getRuntime().exec('touch /tmp/portico-pwned')]"
                + "#set($s = '')[$s.getClass().getClassLoader()]");
        assertEquals("[][]", out);
        assertFalse(new java.io.File("/tmp/portico-pwned").exists());
    }

    @Test
    void mapKeyNamedClassIsStillData() {
        assertEquals("c", request().render("#set($m = {'class': 'c'})$m.class"));
    }

    @Test
    void includeAndParseFindNothing() {
        assertThrows(TemplateRenderException.class, () -> request().render("#include('/etc/passwd')"));
        assertThrows(TemplateRenderException.class, () -> request().render("#parse('/etc/passwd')"));
    }

    @Test
    void outputLimit() {
        Fixture big = request().body("x".repeat(1024 * 1024));
        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> big.render("#foreach($i in [1..11])$input.body#end"));
        assertTrue(e.getMessage().contains("test") && e.getMessage().contains("output exceeded"), e.getMessage());
    }

    @Test
    void stringDoublingIsStopped() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> request().render("#set($s = 'xxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = \"$s$s\")#end"));
        assertTrue(e.getMessage().contains("string over"), e.getMessage());
    }

    @Test
    void repeatIsRefused() {
        assertEquals("[]", request().render("[$input.body.repeat(2000000000)]"));
    }

    @Test
    void nestedLoopsAreBounded() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> request().render(
                "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end"));
        assertTrue(e.getMessage().contains("assignments/iterations"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesLocationAndLine() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> Fixture.COMPILER.compile("GET /pets application/json", "ok\nline two\n#if($x\n"));
        assertTrue(e.getMessage().startsWith("mapping template GET /pets application/json does not parse: line "),
                e.getMessage());
    }

    @Test
    void lexicalErrorNamesLocationLineAndColumn() {
        // Velocity leaves currentToken null for a lexical error; the position is read from its message instead.
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> Fixture.COMPILER.compile("POST /items application/json", "{\n  \"q\": \"$input.params(\\\"data\\\")\"\n}"));
        assertEquals("mapping template POST /items application/json does not parse: line 2, column 24: "
                + "unexpected '\"' after '\\'", e.getMessage());
    }

    @Test
    void unclosedDirectiveIsASyntaxError() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> Fixture.COMPILER.compile("r1", "#foreach($a in [1])x"));
        assertTrue(e.getMessage().contains("r1"), e.getMessage());
    }

    @Test
    void runtimeErrorNamesLocationAndLineWithoutStackTrace() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () ->
                Fixture.COMPILER.compile("POST /x text/plain", "line1\n$util.parseJson('{not json')")
                        .render(request().input()));
        assertTrue(e.getMessage().startsWith("mapping template POST /x text/plain failed at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), e.getMessage());
    }
}
