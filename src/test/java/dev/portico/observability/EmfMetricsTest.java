package dev.portico.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embedded metric format documents, checked against the specification ("Specification: Embedded metric format",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * its JSON schema ({@code emf-schema.json}), and the rules the schema leaves to prose: every metric and dimension a
 * directive names is a member of the root, dimension values are strings, a metric value is a number or an array of
 * at most 100 numbers.
 */
public final class EmfMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try (InputStream in = EmfMetricsTest.class.getResourceAsStream("/observability/emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one EMF line and fails unless it follows the specification; the document on success. */
    public static JsonNode checkEmf(String line) throws IOException {
        JsonNode document = JSON.readTree(line);
        var problems = SCHEMA.validate(document);
        assertTrue(problems.isEmpty(), problems + " in " + line);
        for (JsonNode directive : document.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode set : directive.get("Dimensions")) {
                for (JsonNode dimension : set) {
                    JsonNode value = document.get(dimension.asText());
                    assertTrue(value != null && value.isTextual(), "dimension " + dimension + " in " + line);
                }
            }
            for (JsonNode metric : directive.get("Metrics")) {
                JsonNode value = document.get(metric.get("Name").asText());
                assertTrue(value != null && (value.isNumber() || value.isArray() && value.size() <= 100),
                        "metric " + metric + " in " + line);
                if (value.isArray()) {
                    value.forEach(v -> assertTrue(v.isNumber(), "metric " + metric + " in " + line));
                }
            }
        }
        return document;
    }

    private static Exchange exchange(int status, long latencyMillis) {
        return new Exchange(null, null, status, 10, latencyMillis * 1_000_000, null, null);
    }

    @Test
    void aBatchIsOneDocumentOfApiGatewaysMetrics() throws IOException {
        List<String> lines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics("Portico", "orders", "prod", false, lines::add, () -> 1_764_000_000_000L);
        metrics.record(exchange(200, 12));
        metrics.record(exchange(404, 3));
        metrics.record(exchange(502, 40));
        assertTrue(lines.isEmpty(), "nothing before the flush");
        metrics.flush();
        assertEquals(1, lines.size());
        JsonNode document = checkEmf(lines.get(0));
        assertEquals(1_764_000_000_000L, document.get("_aws").get("Timestamp").asLong());
        JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Portico", directive.get("Namespace").asText());
        assertEquals("[[\"ApiName\",\"Stage\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"Count\",\"Unit\":\"Count\"},{\"Name\":\"4XXError\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"5XXError\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]",
                directive.get("Metrics").toString());
        assertEquals("orders", document.get("ApiName").asText());
        assertEquals("prod", document.get("Stage").asText());
        assertEquals("[1,1,1]", document.get("Count").toString());
        assertEquals("[0,1,0]", document.get("4XXError").toString());
        assertEquals("[0,0,1]", document.get("5XXError").toString());
        assertEquals("[12.0,3.0,40.0]", document.get("Latency").toString());
        metrics.flush();
        assertEquals(1, lines.size(), "an empty batch writes nothing");
    }

    @Test
    void detailedMetricsAreOneDocumentPerResourceAndMethod() throws IOException {
        List<String> lines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics("Shop/Api", "shop", "live", true, lines::add, () -> 1L);
        for (int i = 0; i < 3; i++) {
            metrics.record(exchange(200, 1));
        }
        metrics.flush();
        JsonNode document = checkEmf(lines.get(0));
        assertEquals("[[\"ApiName\",\"Stage\"],[\"ApiName\",\"Stage\",\"Resource\",\"Method\"]]",
                document.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
        assertEquals("-", document.get("Resource").asText());
    }

    @Test
    void aGroupIsWrittenAtTheSpecificationsHundredValues() throws IOException {
        List<String> lines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics("Portico", "a", "prod", false, lines::add, () -> 1L);
        for (int i = 0; i < 250; i++) {
            metrics.record(exchange(200, 1));
        }
        assertEquals(2, lines.size());
        metrics.flush();
        assertEquals(3, lines.size());
        int total = 0;
        for (String line : lines) {
            total += checkEmf(line).get("Count").size();
        }
        assertEquals(250, total);
    }

    @Test
    void theNamespaceIsTheUsersOwn() {
        assertThrows(IllegalArgumentException.class, () -> new EmfMetrics("AWS/ApiGateway", "a", "b", false, l -> {}, () -> 1L));
        assertThrows(IllegalArgumentException.class, () -> new EmfMetrics(" ", "a", "b", false, l -> {}, () -> 1L));
    }
}
