package dev.portico.template.vtl;

import static dev.portico.template.vtl.Fixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case comes from AWS's API Gateway developer guide; {@code doc} is the page. Inputs are our own data shaped
 * like the page's examples; outputs are what API Gateway documents for them.
 */
class DocumentedExamplesTest {
    static final String REFERENCE =
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html";
    static final String EXAMPLES =
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-variable-examples.html";
    static final String OVERRIDES =
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html";

    static final String PETS = "{\"pets\":[{\"id\":1,\"type\":\"dog\",\"price\":249.99},"
            + "{\"id\":2,\"type\":\"cat\",\"price\":124.99},{\"id\":3,\"type\":\"fish\",\"price\":0.99}],"
            + "\"mykey\":\"my value\",\"count\":3,\"flag\":true,\"nothing\":null}";

    record Case(String name, String doc, Supplier<Fixture> given, String template, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String doc, Supplier<Fixture> given, String template, String expected) {
        return new Case(name, doc, given, template, expected);
    }

    static Supplier<Fixture> pets() {
        return () -> request().body(PETS);
    }

    static Supplier<Fixture> params() {
        return () -> request().path("id", "abc").query("name", "Ana").query("tag", "a", "b")
                .header("X-Custom", "hdr").header("name", "from-header").header("tag", "header-tag");
    }

    static Stream<Case> cases() {
        return Stream.of(
                // $input.body: "Returns the raw request payload as a string."
                c("body raw json", REFERENCE, () -> request().body("{ \"a\" : 1 }"), "$input.body", "{ \"a\" : 1 }"),
                c("body text", REFERENCE, () -> request().body("plain words"), "B=$input.body", "B=plain words"),
                c("body empty reads {}", REFERENCE, Fixture::request, "$input.body", "{}"),
                c("body is a string, no properties", REFERENCE, pets(), "[$input.body.pets]", "[]"),
                c("body length is a string method", REFERENCE, () -> request().body("abcd"), "$input.body.length()",
                        "4"),

                // $input.json(x): "evaluates a JSONPath expression and returns the results as a JSON string"
                c("json of pets", REFERENCE, pets(), "$input.json('$.pets[0]')",
                        "{\"id\":1,\"type\":\"dog\",\"price\":249.99}"),
                c("json of root", REFERENCE, () -> request().body("{\"a\": [1, 2], \"b\": {\"c\": \"d\"}}"),
                        "$input.json('$')", "{\"a\":[1,2],\"b\":{\"c\":\"d\"}}"),
                c("json of string is quoted", REFERENCE, pets(), "\"body\" : $input.json('$.mykey')",
                        "\"body\" : \"my value\""),
                c("json of number", REFERENCE, pets(), "$input.json('$.count')", "3"),
                c("json of boolean", REFERENCE, pets(), "$input.json('$.flag')", "true"),
                c("json of null", REFERENCE, pets(), "$input.json('$.nothing')", "null"),
                c("json of missing path is empty", REFERENCE, pets(), "[$input.json('$.missing')]", "[]"),
                c("json of empty body is {}", REFERENCE, Fixture::request, "$input.json('$')", "{}"),
                c("json of wildcard", REFERENCE, pets(), "$input.json('$.pets[*].type')", "[\"dog\",\"cat\",\"fish\"]"),
                c("json with double-quoted path", OVERRIDES, () -> request().body("{\"k\":1}"), "$input.json(\"$\")",
                        "{\"k\":1}"),
                c("example: name and body", REFERENCE, () -> request().query("name", "Rex").body("{\"a\":1}"),
                        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$') \n}",
                        "{\n    \"name\" : \"Rex\",\n    \"body\" : {\"a\":1} \n}"),
                c("example: body of mykey", REFERENCE, pets(),
                        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$.mykey')  \n}",
                        "{\n    \"name\" : \"\",\n    \"body\" : \"my value\"  \n}"),
                c("example: escaped json of mykey", REFERENCE, () -> request().body("{\"mykey\":\"it's\"}"),
                        "$util.escapeJavaScript($input.json('$.mykey'))", "\\\"it\\'s\\\""),

                // $input.path(x): "returns a JSON object representation of the result"
                c("path list size", REFERENCE, pets(), "$input.path('$.pets').size()", "3"),
                c("path element property", REFERENCE, pets(), "$input.path('$.pets')[1].type", "cat"),
                c("path number", REFERENCE, pets(), "$input.path('$.pets[0].price')", "249.99"),
                c("path integer", REFERENCE, pets(), "$input.path('$.pets[2].id')", "3"),
                c("path string", REFERENCE, pets(), "$input.path('$.mykey')", "my value"),
                c("path boolean", REFERENCE, pets(), "#if($input.path('$.flag'))yes#end", "yes"),
                c("path object prints as map", REFERENCE, () -> request().body("{\"a\":\"x\",\"b\":2}"),
                        "$input.path('$')", "{a=x, b=2}"),
                c("path object with list inside", REFERENCE, () -> request().body("{\"l\":[{\"k\":\"v\"}],\"n\":1}"),
                        "$input.path('$')", "{l=[{\"k\":\"v\"}], n=1}"),
                c("path list prints as json", REFERENCE, pets(), "$input.path('$.pets[*].id')", "[1,2,3]"),
                c("path map inside list prints as map", REFERENCE, pets(), "$input.path('$.pets')[0]",
                        "{id=1, type=dog, price=249.99}"),
                c("path missing is empty", REFERENCE, pets(), "[$input.path('$.missing')]", "[]"),
                c("path null is empty", REFERENCE, pets(), "[$input.path('$.nothing')]", "[]"),
                c("path missing equals empty string", REFERENCE, pets(),
                        "#set($v = $input.path('$.missing'))#if($v == \"\")empty#end", "empty"),
                c("path foreach", REFERENCE, pets(),
                        "#foreach($pet in $input.path('$.pets'))$pet.type#if($foreach.hasNext),#end#end",
                        "dog,cat,fish"),
                c("path map keySet", REFERENCE, () -> request().body("{\"x\":1,\"y\":2}"),
                        "#foreach($k in $input.path('$').keySet())$k;#end", "x;y;"),
                c("example: things", REFERENCE,
                        () -> request().path("id", "abc").body("{\"things\":{\"1\":{},\"2\":{},\"3\":{}}}"),
                        "{\n    \"id\" : \"$input.params('id')\",\n    \"count\" : \"$input.path('$.things').size()\",\n"
                                + "    \"things\" : $input.json('$.things')\n}",
                        "{\n    \"id\" : \"abc\",\n    \"count\" : \"3\",\n    \"things\" : {\"1\":{},\"2\":{},\"3\":{}}\n}"),

                // $input.params()
                c("params(x) from query", REFERENCE, params(), "$input.params('name')", "Ana"),
                c("params(x) path first", REFERENCE, () -> request().path("name", "p").query("name", "q"),
                        "$input.params('name')", "p"),
                c("params(x) query before header", REFERENCE, params(), "$input.params('tag')", "b"),
                c("params(x) header", REFERENCE, params(), "$input.params('X-Custom')", "hdr"),
                c("params(x) header any case", REFERENCE, params(), "$input.params('x-custom')", "hdr"),
                c("params(x) absent is empty", REFERENCE, params(), "[$input.params('nope')]", "[]"),
                c("params() path", REFERENCE, params(), "$input.params().path.id", "abc"),
                c("params() querystring last value", REFERENCE, params(), "$input.params().querystring.get('tag')",
                        "b"),
                c("params() header", REFERENCE, params(), "$input.params().header.get('X-Custom')", "hdr"),
                c("params() keys", REFERENCE, params(), "$input.params().keySet()", "[path, querystring, header]"),
                c("params() header map", REFERENCE, () -> request().header("A", "1").header("B", "2"),
                        "$input.params().header", "{A=1, B=2}"),
                c("example: all params", EXAMPLES, () -> request().path("id", "7").query("q", "x").header("h", "y"),
                        "#set($allParams = $input.params())\n{\n  \"params\" : {\n"
                                + "    #foreach($type in $allParams.keySet())\n"
                                + "    #set($params = $allParams.get($type))\n"
                                + "    \"$type\" : {\n"
                                + "      #foreach($paramName in $params.keySet())\n"
                                + "      \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n"
                                + "      #if($foreach.hasNext),#end\n"
                                + "      #end\n"
                                + "    }\n"
                                + "    #if($foreach.hasNext),#end\n"
                                + "    #end\n"
                                + "  }\n}\n",
                        // Velocity 1.7 whitespace: a directive line keeps its indentation and loses its newline,
                        // a #set line disappears whole.
                        "{\n  \"params\" : {\n"
                                + "        \"path\" : {\n            \"id\" : \"7\"\n                }\n"
                                + "    ,        \"querystring\" : {\n            \"q\" : \"x\"\n                }\n"
                                + "    ,        \"header\" : {\n            \"h\" : \"y\"\n                }\n"
                                + "          }\n}\n"),

                // $util
                c("escapeJavaScript single quote", REFERENCE, Fixture::request,
                        "$util.escapeJavaScript(\"it's\")", "it\\'s"),
                c("escapeJavaScript double quote", REFERENCE, Fixture::request,
                        "$util.escapeJavaScript('say \"hi\"')", "say \\\"hi\\\""),
                c("escapeJavaScript control characters", REFERENCE, () -> request().body("{\"t\":\"a\\nb\\tc\"}"),
                        "$util.escapeJavaScript($input.path('$.t'))", "a\\nb\\tc"),
                c("escapeJavaScript slash and backslash", REFERENCE, () -> request().body("{\"t\":\"a/b\\\\c\"}"),
                        "$util.escapeJavaScript($input.path('$.t'))", "a\\/b\\\\c"),
                c("escapeJavaScript non-ascii", REFERENCE, Fixture::request, "$util.escapeJavaScript('café')",
                        "caf\\u00E9"),
                c("escapeJavaScript then replaceAll", REFERENCE, Fixture::request,
                        "$util.escapeJavaScript(\"it's\").replaceAll(\"\\\\'\",\"'\")", "it's"),
                c("parseJson example", REFERENCE,
                        () -> request().body("{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}"),
                        "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n{\n"
                                + "   \"errorMessageObjKey2ArrVal\" : $errorMessageObj.key2.arr[0]\n}\n",
                        "{\n   \"errorMessageObjKey2ArrVal\" : 1\n}\n"),
                c("parseJson map property", REFERENCE, Fixture::request,
                        "$util.parseJson('{\"key1\":\"var1\"}').key1", "var1"),
                c("parseJson list", REFERENCE, Fixture::request, "$util.parseJson('[1,2,3]').size()", "3"),
                c("urlEncode form encoding", REFERENCE, Fixture::request, "$util.urlEncode('a b&c=d/é')",
                        "a+b%26c%3Dd%2F%C3%A9"),
                c("urlEncode json", REFERENCE, () -> request().body("{\"a\": 1}"), "$util.urlEncode($input.body)",
                        "%7B%22a%22%3A+1%7D"),
                c("urlEncode of nothing is empty", REFERENCE, Fixture::request, "[$util.urlEncode($input.body.x)]",
                        "[]"),
                c("urlDecode", REFERENCE, Fixture::request, "$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "a b&c=d/é"),
                c("base64Encode", REFERENCE, Fixture::request, "$util.base64Encode('hello world')",
                        "aGVsbG8gd29ybGQ="),
                c("base64Encode utf-8", REFERENCE, Fixture::request, "$util.base64Encode('é')", "w6k="),
                c("base64Decode", REFERENCE, Fixture::request, "$util.base64Decode('aGVsbG8gd29ybGQ=')", "hello world"),
                c("base64Decode then parseJson", REFERENCE, () -> request().path("p", "eyJrIjogInYifQ=="),
                        "$util.parseJson($util.base64Decode($input.params('p'))).k", "v"),

                // $context
                c("example: context variables", EXAMPLES, Fixture::request,
                        "{\n    \"stage\" : \"$context.stage\",\n    \"request_id\" : \"$context.requestId\",\n"
                                + "    \"api_id\" : \"$context.apiId\",\n"
                                + "    \"resource_path\" : \"$context.resourcePath\",\n"
                                + "    \"resource_id\" : \"$context.resourceId\",\n"
                                + "    \"http_method\" : \"$context.httpMethod\",\n"
                                + "    \"source_ip\" : \"$context.identity.sourceIp\",\n"
                                + "    \"user-agent\" : \"$context.identity.userAgent\",\n"
                                + "    \"account_id\" : \"$context.identity.accountId\",\n"
                                + "    \"api_key\" : \"$context.identity.apiKey\",\n"
                                + "    \"caller\" : \"$context.identity.caller\",\n"
                                + "    \"user\" : \"$context.identity.user\",\n"
                                + "    \"user_arn\" : \"$context.identity.userArn\"\n}",
                        "{\n    \"stage\" : \"prod\",\n    \"request_id\" : \"req-0001\",\n"
                                + "    \"api_id\" : \"a1b2c3d4e5\",\n"
                                + "    \"resource_path\" : \"/things/{id}\",\n"
                                + "    \"resource_id\" : \"r3s0\",\n"
                                + "    \"http_method\" : \"POST\",\n"
                                + "    \"source_ip\" : \"198.51.100.7\",\n"
                                + "    \"user-agent\" : \"test-agent/1.0\",\n"
                                + "    \"account_id\" : \"\",\n    \"api_key\" : \"\",\n    \"caller\" : \"\",\n"
                                + "    \"user\" : \"\",\n    \"user_arn\" : \"\"\n}"),
                c("context path", REFERENCE, Fixture::request, "$context.path", "/prod/things/abc"),
                c("context error messageString", REFERENCE, Fixture::request, "$context.error.messageString",
                        "\"Missing Authentication Token\""),
                c("context authorizer principalId", REFERENCE, Fixture::request, "$context.authorizer.principalId",
                        "user-42"),
                c("context authorizer stringified number", REFERENCE, Fixture::request,
                        "$context.authorizer.numKey $context.authorizer.boolKey $context.authorizer.key", "1 true value"),
                c("context authorizer claims is null", REFERENCE, Fixture::request, "[$context.authorizer.claims]",
                        "[]"),
                c("context unknown is empty", REFERENCE, Fixture::request, "[$context.nope.deeper]", "[]"),

                // $stageVariables: three documented syntaxes
                c("stageVariables dot", REFERENCE, () -> request().stage("url", "example.com"),
                        "$stageVariables.url", "example.com"),
                c("stageVariables bracket", REFERENCE, () -> request().stage("my-var", "v1"),
                        "$stageVariables['my-var']", "v1"),
                c("stageVariables braced bracket", REFERENCE, () -> request().stage("my-var", "v1"),
                        "${stageVariables['my-var']}x", "v1x"),
                c("stageVariables missing", REFERENCE, Fixture::request, "[$stageVariables.none]", "[]"),

                // overrides tutorials
                c("override: status on error body", OVERRIDES, () -> request().body("{\"errors\":[{\"key\":\"k\"}]}"),
                        "#set($inputRoot = $input.path('$'))\n$input.json(\"$\")\n"
                                + "#if($inputRoot.toString().contains(\"error\"))\n"
                                + "#set($context.responseOverride.status = 400)\n#end\n",
                        "{\"errors\":[{\"key\":\"k\"}]}\n"),
                c("override: header concatenation", OVERRIDES,
                        () -> request().header("header1", "header1Val").header("header2", "header2Val").body("{}"),
                        "#set($header1Override = \"foo\")\n"
                                + "#set($header3Value = \"$input.params('header1')$input.params('header2')\")\n"
                                + "$input.json(\"$\")\n"
                                + "#set($context.requestOverride.header.header3 = $header3Value)\n"
                                + "#set($context.requestOverride.header.header1 = $header1Override)\n"
                                + "$context.requestOverride.header",
                        "{}\n{header3=header1Valheader2Val, header1=foo}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsDocumented(Case c) {
        assertEquals(c.expected(), c.given().get().render(c.template()), c.name() + " (" + c.doc() + ")");
    }

    @org.junit.jupiter.api.Test
    void hasEnoughCases() {
        assertEquals(true, cases().count() >= 60, "documented cases: " + cases().count());
        assertEquals(List.of(), cases().filter(c -> !c.doc().startsWith("https://docs.aws.amazon.com/")).toList());
    }
}
