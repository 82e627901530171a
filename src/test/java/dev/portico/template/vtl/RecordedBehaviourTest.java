package dev.portico.template.vtl;

import static dev.portico.template.vtl.Fixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.template.MappingTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviours recorded on real API Gateway (see the conformance cases vtl-* and mock-* in ../shared/conformance), with our own data. */
class RecordedBehaviourTest {
    static final String PROBE = "#set($r = $input.path('$.v')){\"body\": $r, \"nested\": $r.nested, "
            + "\"isNull\": #if($r == $null)\"true\"#else\"false\"#end, "
            + "\"isEmptyString\": #if($r == \"\")\"true\"#else\"false\"#end}";

    @Test
    void missingPathAndJsonNullBehaveAsEmpty() {
        String expected = "{\"body\": , \"nested\": , \"isNull\": \"true\", \"isEmptyString\": \"true\"}";
        assertEquals(expected, request().render(PROBE));
        assertEquals(expected, request().body("{\"v\": null}").render(PROBE));
    }

    @Test
    void emptyListIsNeitherNullNorEmptyString() {
        assertEquals("{\"body\": [], \"nested\": , \"isNull\": \"false\", \"isEmptyString\": \"false\"}",
                request().body("{\"v\": []}").render(PROBE));
    }

    @Test
    void objectsPrintAsJavaMapsArraysAsJson() {
        Fixture f = request().body("{\"m\": {\"p\": \"q\", \"r\": [{\"s\": \"t\"}]}, \"l\": [[{\"u\": \"w\"}]]}");
        assertEquals("{p=q, r=[{\"s\":\"t\"}]}", f.render("$input.path('$.m')"));
        assertEquals("{p=q, r=[{\"s\":\"t\"}]}", f.render("$input.path('$.m').toString()"));
        assertEquals("[{\"s\":\"t\"}]", f.render("$input.path('$.m').r"));
        assertEquals("{s=t}", f.render("$input.path('$.m').r[0]"));
        assertEquals("[{\"u\":\"w\"}]", f.render("$input.path('$.l')[0]"));
    }

    @Test
    void bodyForms() {
        assertEquals("M={}", request().render("M=$input.body"));
        assertEquals("M=raw text", request().body("raw text").render("M=$input.body"));
        assertEquals("", request().body("{\"a\": 1}").render("#set($r = $input.body.a)$r"));
        assertEquals("E=%7B%7D&A=", request().render("E=$util.urlEncode($input.body)&A=$util.urlEncode($input.body.a)"));
        assertEquals("E=raw+text", request().body("raw text").render("E=$util.urlEncode($input.body)"));
    }

    @Test
    void pathParameterInsertedUnquoted() {
        assertEquals("{\"id\": 42}", request().path("id", "42").render("{\"id\": $input.params().path.id}"));
    }

    @Test
    void overridesWrittenByRequestTemplateAreVisibleInMapAndResponseTemplate() {
        Fixture f = request().path("p", "eyJtc2ciOiAib25lIn0=");
        MappingTemplate request = Fixture.COMPILER.compile("req", "#set($b = $util.base64Decode($input.params('p')))\n"
                + "    #set($context.requestOverride.path.body = $b)\n"
                + "#set($context.responseOverride.status = 418)\n"
                + "#set($context.responseOverride.header.foo = \"bar\")\n"
                + "#set($context.responseOverride.custom = \"kept\")\n"
                + "#set($context.requestOverride.header.h1 = \"v1\")\n"
                + "#set($context.requestOverride.querystring.q1 = \"v2\")\n"
                + "{\"statusCode\": 200}");
        assertEquals("{\"statusCode\": 200}", request.render(f.input()));

        assertEquals(Map.of("body", "{\"msg\": \"one\"}"), f.map("requestOverride", "path"));
        assertEquals(Map.of("h1", "v1"), f.map("requestOverride", "header"));
        assertEquals(Map.of("q1", "v2"), f.map("requestOverride", "querystring"));
        assertEquals(418, f.map("responseOverride").get("status"));
        assertEquals(Map.of("foo", "bar"), f.map("responseOverride", "header"));
        assertEquals("kept", f.map("responseOverride").get("custom"));

        MappingTemplate response = Fixture.COMPILER.compile("resp",
                "#set($o = $util.parseJson($context.requestOverride.path.body))\n"
                        + "#if($o.msg == \"one\")first#else other#end $context.responseOverride.status");
        assertEquals("first 418", response.render(f.input()));
    }

    @Test
    void renderIsFastAndReusesTheParse() {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 12; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item number ").append(i)
                    .append("\",\"price\":").append(i * 3.5).append(",\"tags\":[\"a\",\"b\"]}");
        }
        body.append("],\"owner\":\"someone\"}");
        MappingTemplate template = Fixture.COMPILER.compile("perf", "#set($root = $input.path('$'))\n"
                + "{\n  \"owner\": \"$root.owner\",\n  \"id\": \"$input.params('id')\",\n"
                + "  \"stage\": \"$context.stage\",\n  \"items\": [\n"
                + "#foreach($item in $root.items)\n    {\"id\": $item.id, \"name\": \"$util.escapeJavaScript($item.name)\"}"
                + "#if($foreach.hasNext),#end\n#end\n  ],\n  \"count\": $root.items.size()\n}\n");
        Fixture f = request().body(body.toString()).path("id", "x1");
        String first = template.render(f.input());
        assertEquals(true, first.contains("\"count\": 12") && first.contains("\"name\": \"item number 11\""), first);
        int rounds = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            template.render(f.input());
        }
        long perRenderNanos = (System.nanoTime() - start) / rounds;
        System.out.printf("render of a %d-byte body: %.1f us%n", body.length(), perRenderNanos / 1000.0);
        assertEquals(first, template.render(f.input()));
    }
}
