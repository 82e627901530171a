package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export's own base path under API Gateway's three import modes, with the example of AWS's page "Set the
 * OpenAPI basePath property"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html): base path
 * {@code /a/b/c}, paths {@code /e} and {@code /f}; ignore gives {@code /e}, {@code /f}; prepend
 * {@code /a/b/c/e}, {@code /a/b/c/f}; split {@code /b/c/e}, {@code /b/c/f}.
 */
class ExportBasePathTest {
    private static final String MOCK = "x-amazon-apigateway-integration: {type: mock, requestTemplates: "
            + "{application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}";

    static String swagger2(String basePath) {
        return "swagger: '2.0'\ninfo: {title: t, version: '1'}\n" + (basePath == null ? "" : "basePath: " + basePath + "\n")
                + "paths:\n  /e:\n    get:\n      " + MOCK + "\n  /f/{id}:\n    post:\n      " + MOCK + "\n"
                + "  /:\n    get:\n      " + MOCK + "\n";
    }

    static String openApi3(String servers) {
        return "openapi: 3.0.1\ninfo: {title: t, version: '1'}\n" + servers
                + "paths:\n  /e:\n    get:\n      " + MOCK + "\n  /f/{id}:\n    post:\n      " + MOCK + "\n"
                + "  /:\n    get:\n      " + MOCK + "\n";
    }

    /** As API Gateway's own export writes it: the {basePath} variable, whose default is the base path. */
    static final String EXPORTED_SERVERS = """
            servers:
            - url: https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}
              variables:
                basePath: {default: /a/b/c}
            """;

    private static List<String> routes(String document, BasePathMode mode) {
        RouteTable table = new RouteTableLoader(TestTemplates.COMPILER).withBasePath(mode)
                .load("api.yaml", document.getBytes(StandardCharsets.UTF_8));
        return table.routes().stream().map(Route::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ignore  | GET /e, POST /f/{id}, GET /",
            "prepend | GET /a/b/c/e, POST /a/b/c/f/{id}, GET /a/b/c",
            "split   | GET /b/c/e, POST /b/c/f/{id}, GET /b/c"})
    void swagger2BasePath(String mode, String expected) {
        assertEquals(List.of(expected.split(", ")), routes(swagger2("/a/b/c"), BasePathMode.parse(mode)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ignore  | GET /e, POST /f/{id}, GET /",
            "prepend | GET /a/b/c/e, POST /a/b/c/f/{id}, GET /a/b/c",
            "split   | GET /b/c/e, POST /b/c/f/{id}, GET /b/c"})
    void openApi3BasePathVariable(String mode, String expected) {
        assertEquals(List.of(expected.split(", ")), routes(openApi3(EXPORTED_SERVERS), BasePathMode.parse(mode)));
    }

    @Test
    void prependedRoutesMatchUnderTheBasePathOnly() {
        RouteTable table = new RouteTableLoader(TestTemplates.COMPILER).withBasePath(BasePathMode.PREPEND)
                .load("api.yaml", swagger2("/a/b/c").getBytes(StandardCharsets.UTF_8));
        assertEquals("/a/b/c/f/{id}", table.match("POST", "/a/b/c/f/7").orElseThrow().route().resourcePath());
        assertEquals("7", table.match("POST", "/a/b/c/f/7").orElseThrow().pathParameters().get("id"));
        assertTrue(table.match("GET", "/e").isEmpty());
        assertTrue(table.match("GET", "/a/b").isEmpty(), "an intermediate resource has no method");
    }

    @Test
    void theVariableIsUsedEvenWhenTheUrlDoesNotNameItAndOnlyTheFirstCounts() {
        String servers = """
                servers:
                - url: https://api.example.com/ignored/path
                  variables:
                    basePath: {default: v1}
                - url: https://other.example.com/{basePath}
                  variables:
                    basePath: {default: /v2}
                """;
        assertEquals(List.of("GET /v1/e", "POST /v1/f/{id}", "GET /v1"), routes(openApi3(servers), BasePathMode.PREPEND));
    }

    @Test
    void withoutAVariableTheFirstUrlsPathIsTheBasePath() {
        assertEquals(List.of("GET /orders/v1/e", "POST /orders/v1/f/{id}", "GET /orders/v1"),
                routes(openApi3("servers:\n- url: https://api.example.com/orders/v1/\n- url: /other\n"),
                        BasePathMode.PREPEND));
        assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"),
                routes(openApi3("servers:\n- url: https://api.example.com/\n"), BasePathMode.PREPEND));
        assertEquals(List.of("GET /x/e", "POST /x/f/{id}", "GET /x"),
                routes(openApi3("servers:\n- url: /x?y=1\n"), BasePathMode.PREPEND));
        assertEquals(List.of("GET /v3/e", "POST /v3/f/{id}", "GET /v3"),
                routes(openApi3("servers:\n- url: 'https://{host}/{version}'\n  variables:\n"
                        + "    host: {default: api.example.com}\n    version: {default: v3}\n"), BasePathMode.PREPEND));
    }

    @Test
    void noBasePathChangesNothingInAnyMode() {
        for (BasePathMode mode : BasePathMode.values()) {
            assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"), routes(swagger2(null), mode));
            assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"), routes(openApi3(""), mode));
            assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"), routes(swagger2("/"), mode));
        }
    }

    @Test
    void splitOfASingleSegmentLeavesThePathsAsTheyAre() {
        // API Gateway's export writes the stage as the base path ("/prod"): split drops it.
        assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"), routes(swagger2("/prod"), BasePathMode.SPLIT));
    }

    @Test
    void ignoreDoesNotEvenReadABrokenBasePath() {
        assertEquals(List.of("GET /e", "POST /f/{id}", "GET /"), routes(swagger2("'/a/{x}'"), BasePathMode.IGNORE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'/a/{x}'   | basePath '/a/{x}': segment '{x}' is not a literal path segment",
            "/a/../b    | basePath '/a/../b': segment '..' is not a literal path segment",
            "[1, 2]     | basePath: not a string"})
    void aBasePathThatIsNoLiteralPathFailsTheLoad(String basePath, String message) {
        InvalidRouteTableException e = assertThrows(InvalidRouteTableException.class,
                () -> routes(swagger2(basePath), BasePathMode.PREPEND));
        assertTrue(e.getMessage().startsWith("Invalid route table api.yaml:\n"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aHugeBasePathIsRefusedWithABoundedMessage() {
        InvalidRouteTableException e = assertThrows(InvalidRouteTableException.class,
                () -> routes(swagger2("/" + "a".repeat(100_000)), BasePathMode.SPLIT));
        assertTrue(e.getMessage().contains("basePath: longer than 300 characters"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the message does not repeat the base path");
    }

    @Test
    void aServerVariableWithoutDefaultFailsTheLoad() {
        InvalidRouteTableException e = assertThrows(InvalidRouteTableException.class,
                () -> routes(openApi3("servers:\n- url: 'https://h/{v}'\n"), BasePathMode.PREPEND));
        assertTrue(e.getMessage().contains("servers: url 'https://h/{v}' names variable {v} in its path without a "
                + "string default"), e.getMessage());
        e = assertThrows(InvalidRouteTableException.class, () -> routes(openApi3(
                "servers:\n- url: 'https://h/{basePath}'\n  variables:\n    basePath: {enum: [a]}\n"),
                BasePathMode.SPLIT));
        assertTrue(e.getMessage().contains("servers: the basePath variable has no string default"), e.getMessage());
    }

    @Test
    void modesParseInAnyCaseAndRefuseOthers() {
        assertEquals(BasePathMode.SPLIT, BasePathMode.parse(" Split "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BasePathMode.parse("strip"));
        assertEquals("basepath mode 'strip' is none of ignore, prepend, split", e.getMessage());
    }
}
