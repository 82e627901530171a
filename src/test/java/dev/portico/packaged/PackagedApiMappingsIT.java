package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One packaged function.zip serving two APIs (one in two stages) by base path, configured with
 * {@code PORTICO_API_MAPPINGS} and {@code PORTICO_APIS_*}, as behind ALB listener rules with {@code path-pattern}
 * conditions ({@code /orders/*}, {@code /admin/*}) or a custom domain's API mappings
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html). The admin API's file is
 * broken: it answers 500 while the orders API serves.
 */
class PackagedApiMappingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses:
                      default:
                        statusCode: '200'
                        responseTemplates:
                          application/json: '{"api": "%s", "path": "$context.path", "resourcePath": "$context.resourcePath", "stage": "$context.stage", "color": "$stageVariables.color"}'
            """;

    @TempDir
    static Path dir;
    private static PackagedFunction function;

    @BeforeAll
    static void start() throws IOException {
        Path orders = Files.writeString(dir.resolve("orders.yaml"), """
                swagger: '2.0'
                info: {title: orders, version: '1'}
                basePath: /prod
                paths:
                  /{id}:
                    get:
                """ + ANSWER.formatted("orders"));
        Path reports = Files.writeString(dir.resolve("reports.yaml"), """
                openapi: 3.0.1
                info: {title: reports, version: '1'}
                servers:
                - url: https://example.com/{basePath}
                  variables:
                    basePath: {default: /daily}
                paths:
                  /latest:
                    get:
                """ + ANSWER.formatted("reports"));
        Path admin = Files.writeString(dir.resolve("admin.yaml"), "openapi: 3.0.1\npaths: {}\nbroken: [\n");
        function = PackagedFunction.start(PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withEnv(Map.of(
                        "PORTICO_API_MAPPINGS", "*/orders -> orders, prod; */orders/beta -> orders, beta; "
                                + "*/reports -> reports, prod; */admin -> admin, prod",
                        "PORTICO_APIS_ORDERS_FILE", orders.toString(),
                        "PORTICO_APIS_ORDERS_STAGE_VARIABLES_PROD_COLOR", "blue",
                        "PORTICO_APIS_ORDERS_STAGE_VARIABLES_BETA_COLOR", "green",
                        "PORTICO_APIS_REPORTS_FILE", reports.toString(),
                        "PORTICO_APIS_REPORTS_BASEPATH", "prepend",
                        "PORTICO_APIS_ADMIN_FILE", admin.toString())));
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
    }

    private static Answer call(EventFormat format, String path) throws IOException {
        ClientRequest request = new ClientRequest("GET", path, "",
                new HeaderList().add("Host", "api.example.com").add("Accept", "application/json"), null, "203.0.113.7");
        ObjectNode event = CallerEvents.event(format, request, "prod", "req-1");
        Result result = function.invoke(JSON.writeValueAsBytes(event));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }

    private static JsonNode ok(EventFormat format, String path) throws IOException {
        Answer answer = call(format, path);
        assertEquals(200, answer.status(), () -> format + " " + path + ": " + answer.bodyText());
        return JSON.readTree(answer.bodyText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void twoApisAndTwoStagesByBasePath(EventFormat format) throws IOException {
        JsonNode prod = ok(format, "/orders/42");
        assertEquals("orders", prod.get("api").asText());
        assertEquals("/orders/42", prod.get("path").asText());
        assertEquals("/{id}", prod.get("resourcePath").asText(), "basepath ignore: the export's /prod is left out");
        assertEquals("blue", prod.get("color").asText());

        JsonNode beta = ok(format, "/orders/beta/42");
        assertEquals("beta", beta.get("stage").asText());
        assertEquals("green", beta.get("color").asText());

        JsonNode reports = ok(format, "/reports/daily/latest");
        assertEquals("reports", reports.get("api").asText());
        assertEquals("/daily/latest", reports.get("resourcePath").asText(), "basepath prepend");
        assertEquals("/reports/daily/latest", reports.get("path").asText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void unmappedAndBrokenApisAnswerAlone(EventFormat format) throws IOException {
        Answer unmapped = call(format, "/elsewhere/1");
        assertEquals(403, unmapped.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", unmapped.bodyText());
        Answer broken = call(format, "/admin/users");
        assertEquals(500, broken.status(), "admin's table does not load");
        assertEquals(200, call(format, "/orders/1").status(), "and orders keeps serving");
    }

    @Test
    void aHostOfTenKilobytesGetsABoundedAnswer() throws IOException {
        ClientRequest request = new ClientRequest("GET", "/nowhere", "",
                new HeaderList().add("Host", "h".repeat(10_240)), null, "203.0.113.7");
        Result result = function.invoke(CallerEvents.build(EventFormat.ALB, request, "prod", "req-2"));
        Answer answer = AnswerDecoder.decode(result.payload(), EventFormat.ALB);
        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.bodyText());
    }
}
