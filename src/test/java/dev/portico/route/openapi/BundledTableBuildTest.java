package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled table's build step: templates checked at build, the document written as JSON with its digest. */
class BundledTableBuildTest {
    private static final String YAML = """
            openapi: 3.0.1
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    payloadFormatVersion: 1.0
                    requestTemplates:
                      application/json: '{"statusCode": 200}'
                    responses:
                      default:
                        statusCode: 200
                        responseTemplates:
                          application/json: 'TEMPLATE'
            """;

    @Test
    void writesTheSameDocumentAsJson(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("api.yaml");
        Files.writeString(in, YAML.replace("TEMPLATE", "#set($n = 1)n=$n"));
        Path out = dir.resolve("api.json");
        BundledTableBuild.main(new String[] {in.toString(), out.toString()});
        ObjectMapper json = new ObjectMapper();
        assertEquals(OpenApiDocument.parse("yaml", Files.readAllBytes(in)).root(), json.readTree(out.toFile()));
        String digest = Files.readString(dir.resolve("api.json" + BundledTableBuild.CHECKED_SUFFIX));
        assertEquals(BundledTableBuild.digest(Files.readAllBytes(out)), digest);
        assertEquals(64, digest.length());
    }

    @Test
    void aBadTemplateFailsTheBuildNamingTheRoute() {
        InvalidRouteTableException e = assertThrows(InvalidRouteTableException.class, () -> BundledTableBuild.build(
                "api.yaml", YAML.replace("TEMPLATE", "#foreach($a in [1])x").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("GET /a response 'default' template application/json"), e.getMessage());
    }

    @Test
    void problemsThatDependOnTheFunctionsConfigurationAreLeftToTheStart() throws Exception {
        // ${AWS::Region} is resolved at start from the function's region; the build does not know it.
        String yaml = YAML.replace("type: mock", "type: http_proxy\n" + " ".repeat(8) + "httpMethod: GET\n"
                + " ".repeat(8) + "uri: 'https://${AWS::Region}.example.com/'").replace("TEMPLATE", "ok");
        byte[] json = BundledTableBuild.build("api.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("${AWS::Region}"));
    }

    @Test
    void aCheckedLoadParsesTemplatesAtFirstUseAndAnswersTheRenderError() {
        byte[] json = YAML.replace("TEMPLATE", "#foreach($a in [1])x").getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidRouteTableException.class, () -> RouteTables.loader().load("t", json));
        RouteTable table = RouteTables.loader().withTemplatesChecked().load("t", json);
        Route route = table.routes().get(0);
        var template = route.integration().responses().get(0).responseTemplates().get("application/json");
        TemplateInput input = new TemplateInput("", Map.of(), Map.of(), new dev.portico.event.Headers(), Map.of(),
                Map.of());
        assertThrows(TemplateRenderException.class, () -> template.render(input));
        assertEquals("{\"statusCode\": 200}", route.integration().requestTemplates().get("application/json").source());
        assertEquals(List.of(), route.parameters());
    }
}
