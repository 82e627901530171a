package dev.portico.template.vtl;

import static dev.portico.template.vtl.Fixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.template.TemplateInput;
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
        assertTrue(e.getMessage().contains("output exceeded"), e.getMessage());
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
    void runtimeErrorNamesLineWithoutStackTrace() {
        // The compiled template is shared by every route with its text, so it names none: the caller
        // (MappingTemplates.render) puts the route and content type in front.
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () ->
                Fixture.COMPILER.compile("POST /x text/plain", "line1\n$util.parseJson('{not json')")
                        .render(request().input()));
        assertTrue(e.getMessage().startsWith("mapping template failed at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), e.getMessage());
    }

    private static String refused(String template) {
        return refused(request(), template);
    }

    private static String refused(Fixture fixture, String template) {
        return assertThrows(TemplateRenderException.class, () -> fixture.render(template)).getMessage();
    }

    @Test
    void aMillionDigitNumberIsRefusedBeforeJsonSmartParsesIt() {
        Fixture body = request().body("{\"n\": " + "9".repeat(1_000_000) + "}");
        assertTrue(refused(body, "$input.json('$.n')").contains("number longer than 1000"));
        assertTrue(refused(body, "$input.path('$.n')").contains("number longer than 1000"));
        assertTrue(refused(request(), "$util.parseJson('[" + "1".repeat(1001) + "]')").contains("number longer"));
        assertEquals("1" + "0".repeat(999), request().body("{\"n\": 1" + "0".repeat(999) + "}").render("$input.json('$.n')"));
    }

    @Test
    void digitsInsideStringsAreNotNumbers() {
        String digits = "7".repeat(5000);
        assertEquals("\"" + digits + "\"", request().body("{\"s\": \"" + digits + "\"}").render("$input.json('$.s')"));
    }

    @Test
    void deepNestingIsRefused() {
        Fixture deep = request().body("[".repeat(5000) + "]".repeat(5000));
        String e = refused(deep, "$input.json('$')");
        assertTrue(e.contains("nesting deeper than 1000"), e);
    }

    @Test
    void rangesAreBounded() {
        assertTrue(refused("#set($r = [1..200000000])$r.toArray()").contains("over 1000000 elements"));
        assertTrue(refused("#foreach($i in [1..200000000])#end").contains("elements"));
        assertEquals("3", request().render("#set($r = [1..3])$r.size()"));
    }

    @Test
    void growingListsAndStringsInCollectionsAreBounded() {
        String built = refused("#set($s = 'x')#foreach($i in [1..22])#set($s = \"$s$s\")#end"
                + "#set($l = [])#foreach($i in [1..1000])#set($t = \"$s$i\")$l.add($t)#end");
        assertTrue(built.contains("characters of strings"), built);
        String elements = refused("#set($l = [])#foreach($i in [1..1000])$l.addAll([1..1000000])#end");
        assertTrue(elements.contains("elements"), elements);
    }

    @Test
    void replaceCannotMultiplyAString() {
        String e = refused("#set($s = 'a')#foreach($i in [1..20])#set($s = \"$s$s\")#end$s.replace('a', $s)");
        assertTrue(e.contains("over 10485760 characters"), e);
        assertEquals("xbc", request().render("#set($s = 'abc')$s.replace('a', 'x')"));
        assertEquals("x-b-c", request().render("#set($s = 'a.b.c')$s.replaceFirst('a', 'x').replaceAll('\\.', '-')"));
        assertEquals("3", request().render("#set($s = 'a,b,c')$s.split(',').size()"));
    }

    @Test
    void catastrophicBacktrackingStops() {
        String e = refused("#set($s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')$s.matches('(.*a){20}b')");
        assertTrue(e.contains("steps"), e);
    }

    @Test
    void renderTimeIsBounded() {
        Fixture fixture = request();
        TemplateInput late = new TemplateInput("{}", fixture.path, fixture.query, fixture.headers, fixture.context,
                fixture.stageVariables, System.nanoTime() - 1);
        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> Fixture.COMPILER.compile("t", "#foreach($i in [1..10])$i#end").render(late));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
    }

    /** Cheap steps read the clock only now and then: a render of nothing but cheap steps still stops in time. */
    @Test
    void renderOfCheapStepsStopsAtTheDeadline() {
        Fixture fixture = request();
        TemplateInput soon = new TemplateInput("{}", fixture.path, fixture.query, fixture.headers, fixture.context,
                fixture.stageVariables, System.nanoTime() + 5_000_000);
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> Fixture.COMPILER.compile("t",
                "#foreach($i in [1..1000])#foreach($j in [1..1000])#set($k = $j)$i#end#end").render(soon));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
    }

    @Test
    void systemPropertiesCannotBeRead() {
        assertEquals("[][][]", request().render("#set($i = 1)#set($b = true)"
                + "[$i.getInteger('sun.arch.data.model')][$i.getLong('sun.arch.data.model')][$b.getBoolean('java.awt.headless')]"));
        assertEquals("42", request().render("#set($i = 0)$i.parseInt('42')"));
    }

    @Test
    void bigNumbersCannotGrowWithoutBound() {
        Fixture big = request().body("{\"n\": " + "9".repeat(900) + "}");
        assertEquals("[]", big.render("#set($n = $input.path('$.n'))[$n.pow(999999999)]"));
        String e = refused(big, "#set($n = $input.path('$.n'))#foreach($i in [1..30])#set($n = $n.multiply($n))#end");
        assertTrue(e.contains("bits"), e);
    }
}
