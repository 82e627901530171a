package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.template.MappingTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled table's compact form gives the routes the full load gives, on the example table, on a table using
 * every part a route keeps, and on 10,000 routes; bytes that are not a whole compact table are refused with
 * {@link CompactRouteTable.FormatException}, and a table whose load depends on the configuration gets none.
 */
public class CompactRouteTableTest {
    /** Every part of a route the compact form keeps, each with a value other than its default. */
    static final String EVERY_PART = """
            {"openapi": "3.0.1", "info": {"title": "every part", "version": "1"},
             "x-amazon-apigateway-binary-media-types": ["image/png", "application/octet-stream"],
             "x-amazon-apigateway-request-validators": {
               "all": {"validateRequestParameters": true, "validateRequestBody": true},
               "params": {"validateRequestParameters": true, "validateRequestBody": false}},
             "x-amazon-apigateway-gateway-responses": {
               "MISSING_AUTHENTICATION_TOKEN": {"statusCode": "404",
                 "responseParameters": {"gatewayresponse.header.x-why": "'missing'"},
                 "responseTemplates": {"application/json": "{\\"message\\": \\"$context.error.messageString\\"}"}},
               "DEFAULT_5XX": {"responseTemplates": {"application/json": "{\\"oops\\": true}"}}},
             "components": {"schemas": {"Pet": {"type": "object", "required": ["name"],
               "properties": {"name": {"type": "string"}, "tag": {"$ref": "#/components/schemas/Tag"}}},
               "Tag": {"type": "string", "maxLength": 10}}},
             "paths": {
              "/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true}],
                "put": {"operationId": "putPet",
                  "x-amazon-apigateway-request-validator": "all",
                  "parameters": [{"name": "x-trace", "in": "header", "required": true},
                                 {"name": "dry", "in": "query"}],
                  "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                  "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "post",
                    "uri": "https://backend.example.com/pets/{id}",
                    "requestParameters": {"integration.request.path.id": "method.request.path.id",
                      "integration.request.header.x-trace": "method.request.header.x-trace"},
                    "requestTemplates": {"application/json": "#set($b = $input.json('$'))$b",
                      "text/plain": "$input.body"},
                    "passthroughBehavior": "never", "contentHandling": "CONVERT_TO_TEXT", "timeoutInMillis": 1234,
                    "tlsConfig": {"insecureSkipVerification": true},
                    "responses": {
                      "4\\\\d{2}": {"statusCode": "400", "contentHandling": "CONVERT_TO_BINARY",
                        "responseParameters": {"method.response.header.x-a": "'a'",
                          "method.response.header.x-b": "integration.response.header.b"},
                        "responseTemplates": {"application/json": "{\\"bad\\": true}", "text/html": "<b>bad</b>"}},
                      "default": {"statusCode": "201"}}}}},
              "/queue": {"post": {"x-amazon-apigateway-request-validator": "params",
                  "x-amazon-apigateway-integration": {"type": "aws", "httpMethod": "POST",
                    "uri": "arn:aws:apigateway:eu-west-1:sqs:path/123456789012/jobs",
                    "credentials": "arn:aws:iam::123456789012:role/sqs",
                    "requestTemplates": {"application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"},
                    "responses": {"default": {"statusCode": "200"}}}}},
              "/fn": {"x-amazon-apigateway-any-method": {
                  "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                    "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations",
                    "payloadFormatVersion": "2.0"}}},
              "/stage": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY",
                    "uri": "https://${stageVariables.host}/x"}}},
              "/": {"get": {"x-amazon-apigateway-integration": {"type": "mock",
                    "requestTemplates": {"application/json": null},
                    "responses": {"default": {"statusCode": "200"}}}}},
              "/files/{proxy+}": {"options": {"x-amazon-apigateway-integration": {"type": "mock",
                    "requestTemplates": {"application/json": "{\\"statusCode\\": 204}"},
                    "responses": {"default": {"statusCode": "204"}}}}}}}
            """;

    @Test
    void theExampleTableReadsBackAsItsFullLoad() throws IOException {
        byte[] yaml = resource("routes/api.yaml");
        assertSame(yaml);
        // The build wrote the compact form beside the JSON, and it is this table.
        RouteTable built = CompactRouteTable.read("bundled", resource("routes/api.routes"), RouteTables.compiler());
        assertEquals(describe(RouteTables.loader().load("bundled", yaml)), describe(built));
    }

    @Test
    void everyPartOfARouteReadsBackAsItsFullLoad() throws IOException {
        RouteTable full = assertSame(EVERY_PART.getBytes(StandardCharsets.UTF_8));
        assertEquals(6, full.routes().size());
        assertEquals(2, full.gatewayResponses().size());
        String described = describe(full);
        for (String part : new String[] {"putPet", "HEADER x-trace true", "maxLength", "4\\d{2}", "x-b", "text/html",
                "NEVER", "CONVERT_TO_TEXT", "1234", "insecure true", "role/sqs", "2.0", "sqs", "image/png",
                "x-why", "null uri"}) {
            assertTrue(described.contains(part), part + " in " + described);
        }
    }

    @Test
    void theTestTablesReadBackAsTheirFullLoad() throws IOException {
        for (String table : new String[] {"petstore-openapi3.yaml", "petstore-openapi3.json", "orders-swagger2.yaml"}) {
            assertSame(Files.readAllBytes(Path.of("src/test/resources/routes", table)));
        }
    }

    @Test
    void tenThousandRoutesReadBackAsTheirFullLoad() throws IOException {
        RouteTable full = assertSame(generated(10_000).getBytes(StandardCharsets.UTF_8));
        assertEquals(10_000, full.routes().size());
    }

    @Test
    void bytesThatAreNotAWholeCompactTableAreRefused() throws IOException {
        byte[] compact = BundledTableBuild.built("t.json", EVERY_PART.getBytes(StandardCharsets.UTF_8)).compact();
        for (int length = 0; length < compact.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(compact, length);
            assertThrows(CompactRouteTable.FormatException.class,
                    () -> CompactRouteTable.read("t", truncated, RouteTables.compiler()), "truncated at " + length);
        }
        byte[] longer = java.util.Arrays.copyOf(compact, compact.length + 1);
        assertThrows(CompactRouteTable.FormatException.class,
                () -> CompactRouteTable.read("t", longer, RouteTables.compiler()));
        byte[] otherVersion = compact.clone(); // the magic takes five bytes, the version one
        otherVersion[5] = (byte) (CompactRouteTable.VERSION + 1);
        CompactRouteTable.FormatException e = assertThrows(CompactRouteTable.FormatException.class,
                () -> CompactRouteTable.read("t", otherVersion, RouteTables.compiler()));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        assertThrows(CompactRouteTable.FormatException.class, () -> CompactRouteTable.read("t",
                EVERY_PART.getBytes(StandardCharsets.UTF_8), RouteTables.compiler()));
        // A changed byte anywhere either is refused or reads as a table, never fails otherwise.
        for (int i = 0; i < compact.length; i++) {
            byte[] changed = compact.clone();
            changed[i] ^= (byte) 0x5a;
            try {
                assertNotNull(CompactRouteTable.read("t", changed, RouteTables.compiler()));
            } catch (CompactRouteTable.FormatException expected) {
                // refused
            }
        }
    }

    @Test
    void aTableWhoseLoadDependsOnTheConfigurationHasNoCompactForm() throws IOException {
        String protectedTable = Files.readString(Path.of("src/test/resources/routes/protected-token-authorizer.yaml"));
        BundledTableBuild.Built built = BundledTableBuild.built("api.yaml",
                protectedTable.getBytes(StandardCharsets.UTF_8));
        assertNull(built.compact());
        assertNotNull(built.json());
        String withVariable = EVERY_PART.replace("https://backend.example.com", "https://${AWS::Region}.example.com");
        assertNull(BundledTableBuild.built("api.json", withVariable.getBytes(StandardCharsets.UTF_8)).compact());
        String withBasePath = EVERY_PART.replace("\"paths\": {",
                "\"servers\": [{\"url\": \"https://api.example.com/v1\"}], \"paths\": {");
        BundledTableBuild.Built based = BundledTableBuild.built("api.json", withBasePath.getBytes(StandardCharsets.UTF_8));
        assertNull(based.compact());
        assertTrue(based.whyNotCompact().contains("base path"), based.whyNotCompact());
        assertNotNull(BundledTableBuild.built("api.json", EVERY_PART.getBytes(StandardCharsets.UTF_8)).compact());
    }

    /** As bench/jmh's RouteGen writes them: by k % 4 a literal, a {param}, an ANY and a greedy route, each MOCK. */
    static String generated(int routes) {
        StringBuilder json = new StringBuilder("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"g\",\"version\":\"1\"},"
                + "\"paths\":{");
        for (int k = 0; k < routes; k++) {
            int group = k / 4;
            String[] route = switch (k % 4) {
                case 0 -> new String[] {"/g" + group + "/items", "get"};
                case 1 -> new String[] {"/g" + group + "/items/{id}", "get"};
                case 2 -> new String[] {"/g" + group + "/any/{name}", "x-amazon-apigateway-any-method"};
                default -> new String[] {"/g" + group + "/files/{proxy+}", "get"};
            };
            json.append(k > 0 ? "," : "").append('"').append(route[0]).append("\":{\"").append(route[1])
                    .append("\":{\"parameters\":[{\"name\":\"q").append(k % 7).append("\",\"in\":\"query\"}],")
                    .append("\"x-amazon-apigateway-integration\":{\"type\":\"mock\",")
                    .append("\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\": 200}\"},")
                    .append("\"responses\":{\"default\":{\"statusCode\":\"200\",\"responseTemplates\":{")
                    .append("\"application/json\":\"{\\\"route\\\": \\\"$context.resourcePath\\\", \\\"n\\\": ")
                    .append(k).append("}\"}}}}}}");
        }
        return json.append("}}").toString();
    }

    /** Loads the document in full and through the build's compact form, and checks the two are the same. */
    private static RouteTable assertSame(byte[] document) throws IOException {
        RouteTable full = RouteTables.loader().load("t", document);
        BundledTableBuild.Built built = BundledTableBuild.built("t", document);
        assertNotNull(built.compact(), built.whyNotCompact());
        RouteTable compact = CompactRouteTable.read("t", built.compact(), RouteTables.compiler());
        assertEquals(describe(full), describe(compact));
        assertEquals(full.routes().stream().map(Route::name).toList(),
                compact.routes().stream().map(Route::name).toList());
        assertEquals(full.matcher().inMatchOrder().stream().map(Route::name).toList(),
                compact.matcher().inMatchOrder().stream().map(Route::name).toList());
        return full;
    }

    /** Everything a table tells its users, one line per route, templates by their text. */
    public static String describe(RouteTable table) {
        StringBuilder out = new StringBuilder();
        out.append("binary ").append(table.binaryMediaTypes()).append('\n');
        new TreeMap<>(table.gatewayResponses()).forEach((type, response) -> out.append("gateway ").append(type)
                .append(' ').append(response.statusCode()).append(' ').append(response.responseParameters())
                .append(' ').append(templates(response.responseTemplates())).append('\n'));
        for (Route route : table.routes()) {
            IntegrationDefinition i = route.integration();
            out.append(route.name()).append(" op ").append(route.operationId()).append(" params ")
                    .append(route.parameters().stream().map(p -> p.in() + " " + p.name() + " " + p.required())
                            .collect(Collectors.joining(", ")))
                    .append(" validator ").append(route.validator()).append(" access ").append(route.access())
                    .append(" | ").append(i.type()).append(' ').append(i.uri() == null ? "null uri" : i.uri())
                    .append(' ').append(i.httpMethod()).append(' ').append(i.requestParameters()).append(' ')
                    .append(templates(i.requestTemplates())).append(' ').append(i.passthroughBehavior()).append(' ')
                    .append(i.contentHandling()).append(' ').append(i.timeoutMillis()).append(" credentials ")
                    .append(i.credentials()).append(" insecure ").append(i.insecureSkipVerification()).append(' ')
                    .append(i.payloadFormatVersion()).append(' ').append(i.awsUri());
            for (IntegrationResponseDefinition r : i.responses()) {
                out.append(" || ").append(r.key()).append(' ')
                        .append(r.selectionPattern() == null ? "default" : r.selectionPattern().pattern()).append(' ')
                        .append(r.statusCode()).append(' ').append(r.responseParameters()).append(' ')
                        .append(templates(r.responseTemplates())).append(' ').append(r.contentHandling());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String templates(Map<String, MappingTemplate> templates) {
        return templates.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().source())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CompactRouteTableTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}
