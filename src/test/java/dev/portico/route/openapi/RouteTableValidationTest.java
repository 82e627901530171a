package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a route table is refused at load, each message naming the source, the route and the problem. */
class RouteTableValidationTest {
    private static final String MOCK = "{\"type\": \"mock\"}";
    private final RouteTableLoader loader = new RouteTableLoader(TestTemplates.COMPILER);

    static Stream<Arguments> brokenRoutes() {
        return Stream.of(
                broken("missing integration", "{\"/pets\": {\"get\": {}}}",
                        "GET /pets: missing x-amazon-apigateway-integration"),
                broken("integration without type", getPets("{\"uri\": \"http://x\"}"),
                        "GET /pets: integration has no type"),
                broken("unknown type", getPets("{\"type\": \"lambda\"}"),
                        "GET /pets: unknown integration type 'lambda'"),
                broken("http without uri", getPets("{\"type\": \"http\", \"httpMethod\": \"GET\"}"),
                        "GET /pets: HTTP integration has no uri"),
                broken("http relative uri", getPets("{\"type\": \"http\", \"httpMethod\": \"GET\", \"uri\": \"backend/pets\"}"),
                        "GET /pets: uri 'backend/pets' is not an absolute http(s) URL"),
                broken("http_proxy ftp uri", getPets("{\"type\": \"http_proxy\", \"httpMethod\": \"ANY\", \"uri\": \"ftp://host/x\"}"),
                        "GET /pets: uri 'ftp://host/x' is not an absolute http(s) URL"),
                broken("aws_proxy without uri", getPets("{\"type\": \"aws_proxy\", \"httpMethod\": \"POST\"}"),
                        "GET /pets: AWS_PROXY integration has no uri"),
                broken("aws_proxy lambda arn instead of apigateway arn", getPets(
                                "{\"type\": \"aws_proxy\", \"httpMethod\": \"POST\", \"uri\": \"arn:aws:lambda:eu-west-1:1:function:f\"}"),
                        "GET /pets: uri 'arn:aws:lambda:eu-west-1:1:function:f' is not an arn:aws:apigateway"),
                broken("aws arn without path or action", getPets(
                                "{\"type\": \"aws\", \"httpMethod\": \"POST\", \"uri\": \"arn:aws:apigateway:eu-west-1:sqs:queue/q\"}"),
                        "is not an arn:aws:apigateway:{region}:{service}:(path|action)/... ARN"),
                broken("http without httpMethod", getPets("{\"type\": \"http\", \"uri\": \"http://backend/pets\"}"),
                        "GET /pets: HTTP integration has no httpMethod"),
                broken("aws without httpMethod", getPets(
                                "{\"type\": \"aws\", \"uri\": \"arn:aws:apigateway:eu-west-1:sqs:path/1/q\"}"),
                        "GET /pets: AWS integration has no httpMethod"),
                broken("invalid selection pattern", getPets(
                                "{\"type\": \"mock\", \"responses\": {\"([\": {\"statusCode\": \"400\"}}}"),
                        "GET /pets: invalid selection pattern '(['"),
                broken("response without statusCode", getPets(
                                "{\"type\": \"mock\", \"responses\": {\"default\": {}}}"),
                        "GET /pets: response 'default' has no statusCode"),
                broken("response with bad statusCode", getPets(
                                "{\"type\": \"mock\", \"responses\": {\"default\": {\"statusCode\": \"OK\"}}}"),
                        "GET /pets: response 'default': statusCode 'OK' is not an HTTP status"),
                broken("timeout too short", getPets("{\"type\": \"mock\", \"timeoutInMillis\": 49}"),
                        "GET /pets: timeoutInMillis 49 is not between 50 and 900000"),
                broken("timeout too long", getPets("{\"type\": \"mock\", \"timeoutInMillis\": 900001}"),
                        "GET /pets: timeoutInMillis 900001 is not between 50 and 900000"),
                broken("unknown passthroughBehavior", getPets("{\"type\": \"mock\", \"passthroughBehavior\": \"sometimes\"}"),
                        "GET /pets: unknown passthroughBehavior 'sometimes'"),
                broken("unknown contentHandling", getPets("{\"type\": \"mock\", \"contentHandling\": \"CONVERT_TO_XML\"}"),
                        "GET /pets: unknown contentHandling 'CONVERT_TO_XML'"),
                broken("duplicate route under another parameter name",
                        "{\"/a/{x}\": {\"get\": " + op(MOCK) + "}, \"/a/{y}\": {\"get\": " + op(MOCK) + "}}",
                        "GET /a/{y}: duplicate route, same resource and method as GET /a/{x}"),
                broken("greedy not last", "{\"/a/{proxy+}/b\": {\"get\": " + op(MOCK) + "}}",
                        "GET /a/{proxy+}/b: bad path template: greedy {proxy+} must be the last segment"),
                broken("two greedy", "{\"/{a+}/{b+}\": {\"get\": " + op(MOCK) + "}}",
                        "GET /{a+}/{b+}: bad path template: greedy {a+} must be the last segment"),
                broken("empty segment", "{\"/a//b\": {\"get\": " + op(MOCK) + "}}",
                        "GET /a//b: bad path template: empty segment"),
                broken("unbalanced braces", "{\"/a/{b\": {\"get\": " + op(MOCK) + "}}",
                        "GET /a/{b: bad path template: segment '{b' has unbalanced braces"),
                broken("partial parameter", "{\"/a/x{b}\": {\"get\": " + op(MOCK) + "}}",
                        "GET /a/x{b}: bad path template: segment 'x{b}' has unbalanced braces or is not a whole {param}"),
                broken("relative path", "{\"pets\": {\"get\": " + op(MOCK) + "}}",
                        "GET pets: bad path template: does not start with /"),
                broken("broken request template", getPets(
                                "{\"type\": \"mock\", \"requestTemplates\": {\"application/json\": \"#broken\"}}"),
                        "GET /pets request template application/json: unexpected #broken"),
                broken("broken response template", getPets(
                                "{\"type\": \"mock\", \"responses\": {\"default\": {\"statusCode\": \"200\", "
                                        + "\"responseTemplates\": {\"text/plain\": \"#broken\"}}}}"),
                        "GET /pets response 'default' template text/plain: unexpected #broken"),
                broken("unknown request validator",
                        "{\"/pets\": {\"get\": {\"x-amazon-apigateway-request-validator\": \"strict\", "
                                + "\"x-amazon-apigateway-integration\": " + MOCK + "}}}",
                        "GET /pets: unknown request validator 'strict'"),
                broken("unresolved schema $ref",
                        "{\"/pets\": {\"post\": {\"x-amazon-apigateway-request-validator\": \"all\", "
                                + "\"requestBody\": {\"content\": {\"application/json\": {\"schema\": "
                                + "{\"$ref\": \"#/components/schemas/Missing\"}}}}, "
                                + "\"x-amazon-apigateway-integration\": " + MOCK + "}}}",
                        "POST /pets: unresolved $ref '#/components/schemas/Missing'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRoutes")
    void refusedWithTheRouteNamed(String problem, String paths, String expected) {
        String document = "{\"openapi\": \"3.0.1\", "
                + "\"x-amazon-apigateway-request-validators\": {\"all\": {\"validateRequestBody\": true}}, "
                + "\"paths\": " + paths + "}";
        assertRefused(document, expected);
    }

    @Test
    void unknownGatewayResponseType() {
        assertRefused("{\"openapi\": \"3.0.1\", \"paths\": {}, \"x-amazon-apigateway-gateway-responses\": "
                + "{\"NOT_A_TYPE\": {\"statusCode\": \"400\"}}}", "gateway response NOT_A_TYPE: unknown gateway response type");
    }

    @Test
    void brokenGatewayResponseTemplate() {
        assertRefused("{\"openapi\": \"3.0.1\", \"paths\": {}, \"x-amazon-apigateway-gateway-responses\": "
                        + "{\"DEFAULT_5XX\": {\"responseTemplates\": {\"application/json\": \"#broken\"}}}}",
                "gateway response DEFAULT_5XX template application/json: unexpected #broken");
    }

    @Test
    void notJson() {
        assertRefused("{\"openapi\": \"3.0.1\", \"paths\": {", "Invalid route table test-table: not JSON");
    }

    @Test
    void notYaml() {
        assertRefused("openapi: 3.0.1\npaths: [unclosed", "Invalid route table test-table: not YAML");
    }

    @Test
    void notAnObject() {
        assertRefused("just some text", "Invalid route table test-table: not a JSON or YAML object");
    }

    @Test
    void noPaths() {
        assertRefused("{\"openapi\": \"3.0.1\"}", "no \"paths\" object");
    }

    @Test
    void notAnApiGatewayExport() {
        assertRefused("{\"paths\": {}}", "neither \"openapi: 3.0.x\" nor \"swagger: 2.0\"");
    }

    @Test
    void duplicateKeysInYaml() {
        assertRefused("openapi: 3.0.1\npaths:\n  /a: {}\n  /a: {}\n", "Duplicate field '/a'");
    }

    @Test
    void everyProblemReportedOnItsOwnLine() {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(
                "{\"openapi\": \"3.0.1\", \"paths\": {\"/a\": {\"get\": {}, \"post\": "
                        + op("{\"type\": \"http\", \"httpMethod\": \"POST\", \"uri\": \"nowhere\"}") + "}, "
                        + "\"/b\": {\"put\": " + op("{\"type\": \"mock\", \"timeoutInMillis\": 1}") + "}}}"));
        assertEquals("""
                Invalid route table test-table:
                GET /a: missing x-amazon-apigateway-integration
                POST /a: uri 'nowhere' is not an absolute http(s) URL
                PUT /b: timeoutInMillis 1 is not between 50 and 900000""", error.getMessage());
    }

    @Test
    void placeholdersAreAcceptedAndKept() {
        RouteTable table = load("{\"openapi\": \"3.0.1\", \"paths\": {\"/p/{id}\": {\"get\": " + op(
                "{\"type\": \"http\", \"httpMethod\": \"GET\", "
                        + "\"uri\": \"https://${stageVariables.host}:${stageVariables.port}/v1/{id}?q=${stageVariables.q}\"}")
                + ", \"post\": " + op("{\"type\": \"aws\", \"httpMethod\": \"POST\", "
                + "\"uri\": \"arn:aws:apigateway:${stageVariables.region}:sqs:action/SendMessage\"}") + "}}}");
        assertEquals("https://${stageVariables.host}:${stageVariables.port}/v1/{id}?q=${stageVariables.q}",
                RouteTableLoaderTest.route(table, "GET /p/{id}").integration().uri());
        assertEquals("arn:aws:apigateway:${stageVariables.region}:sqs:action/SendMessage",
                RouteTableLoaderTest.route(table, "POST /p/{id}").integration().uri());
    }

    private void assertRefused(String document, String expected) {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(document));
        assertTrue(error.getMessage().startsWith("Invalid route table test-table"), error.getMessage());
        assertTrue(error.getMessage().contains(expected), () -> "expected '" + expected + "' in:\n" + error.getMessage());
    }

    private RouteTable load(String document) {
        return loader.load("test-table", document.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments broken(String problem, String paths, String expected) {
        return Arguments.of(problem, paths, expected);
    }

    private static String getPets(String integration) {
        return "{\"/pets\": {\"get\": " + op(integration) + "}}";
    }

    private static String op(String integration) {
        return "{\"x-amazon-apigateway-integration\": " + integration + "}";
    }
}
