package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.IntegrationType;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming runs each integration type the table uses end to end against its own local server only. */
class PrimingTest {

    @Test
    void everyUsedIntegrationTypeAnswersThroughThePipeline() {
        // The served table: its backends are never called (the port is the discard port, nothing listens there).
        String served = Priming.table(EnumSet.allOf(IntegrationType.class), "http://127.0.0.1:9", "us-east-1");
        RouteTable table = RouteTables.loader().load("served", served.getBytes(StandardCharsets.UTF_8));
        Priming.Report report = Priming.prime(Portico.create(table, PorticoSettings.defaults()), 2);
        assertEquals(EnumSet.allOf(IntegrationType.class), report.types());
        assertEquals(2 * (5 + 2), report.requests()); // one ALB event per type, v1 and v2 for MOCK, twice
        assertEquals(report.requests(), report.answered(), report.toString());
        assertTrue(report.templates() >= 3, report.toString());
    }

    @Test
    void aTableOfOnlyMockRoutesIsPrimedWithMockOnly() {
        String served = Priming.table(EnumSet.of(IntegrationType.MOCK), "http://127.0.0.1:9", "us-east-1");
        RouteTable table = RouteTables.loader().load("served", served.getBytes(StandardCharsets.UTF_8));
        Priming.Report report = Priming.prime(Portico.create(table, PorticoSettings.defaults()), 1);
        assertEquals(EnumSet.of(IntegrationType.MOCK), report.types());
        assertEquals(3, report.answered());
    }

    @Test
    void onlyATableThatCallsOutNeedsTheBackendClientWarmedAtStart() {
        assertFalse(Priming.callsBackends(gateway(EnumSet.of(IntegrationType.MOCK))));
        for (IntegrationType type : EnumSet.complementOf(EnumSet.of(IntegrationType.MOCK))) {
            assertTrue(Priming.callsBackends(gateway(EnumSet.of(IntegrationType.MOCK, type))), type.name());
        }
    }

    @Test
    void theTemplateEngineIsWarmedOnlyForATableWithTemplates() {
        assertNotEquals(Priming.TemplateUse.NONE, Priming.templateUse(gateway(EnumSet.of(IntegrationType.MOCK))));
        assertEquals(Priming.TemplateUse.NONE, Priming.templateUse(gateway(EnumSet.of(IntegrationType.HTTP_PROXY))));
        assertTrue(Priming.warmTemplateEngine(), "the warm-up template renders");
    }

    @Test
    void aStartWarmsOnlyThePartsOfTheTemplateEngineTheTemplatesUse() {
        assertEquals(Priming.TemplateUse.NONE, Priming.templateUse(mockWithTemplate("{\"statusCode\": 200}")),
                "a literal template is answered as it is");
        assertEquals(Priming.TemplateUse.ENGINE,
                Priming.templateUse(mockWithTemplate("{\"statusCode\": 200, \"q\": \"$input.params('q')\"}")));
        for (String json : List.of("$input.json('$.a')", "$input.path('$').a", "$util.parseJson($input.body).a",
                "${input.json('$')}")) {
            assertEquals(Priming.TemplateUse.ENGINE_AND_JSON,
                    Priming.templateUse(mockWithTemplate("{\"statusCode\": 200, \"a\": " + json + "}")), json);
        }
        assertEquals(Priming.TemplateUse.NONE, Priming.templateUse(gateway(EnumSet.of(IntegrationType.HTTP_PROXY))));
        assertTrue(Priming.warmTemplateEngine(false), "the warm-up template without JSON helpers renders");
    }

    private static Portico mockWithTemplate(String template) {
        String served = "{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {"
                + "\"/a\": {\"get\": {\"x-amazon-apigateway-integration\": {\"type\": \"mock\", "
                + "\"requestTemplates\": {\"application/json\": " + quoted(template) + "}, "
                + "\"responses\": {\"default\": {\"statusCode\": \"200\"}}}}}}}";
        return Portico.create(RouteTables.loader().load("served", served.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Portico gateway(EnumSet<IntegrationType> types) {
        String served = Priming.table(types, "http://127.0.0.1:9", "us-east-1");
        return Portico.create(RouteTables.loader().load("served", served.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults());
    }
}
