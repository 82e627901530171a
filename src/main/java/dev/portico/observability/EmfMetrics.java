package dev.portico.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * API Gateway's CloudWatch metrics for REST APIs ("Amazon API Gateway dimensions and metrics": {@code Count},
 * {@code 4XXError}, {@code 5XXError}, {@code Latency}, {@code IntegrationLatency}; dimensions {@code ApiName} and
 * {@code Stage}, and with detailed metrics {@code Resource} and {@code Method} too), written as log lines in
 * CloudWatch's embedded metric format ("Specification: Embedded metric format", CloudWatch user guide), so that
 * CloudWatch Logs turns the function's log stream into metrics with no API call.
 *
 * <p>Requests are gathered into a batch and written by {@link #flush}, one document per resource and method of the
 * batch (one in all without detailed metrics), each metric an array of one value per request, so that every
 * statistic CloudWatch keeps for API Gateway's own means the same here: the Sum of {@code Count} is the number of
 * requests, the Average of {@code 4XXError} their rate of client errors, the p99 of {@code Latency} the 99th
 * percentile. The function flushes at the end of each invocation, which in Lambda is one request: Lambda may
 * freeze or end the environment after any invocation, and a batch held longer could be lost. A document holds at
 * most {@link #MAX_VALUES} values per metric, the specification's limit; a fuller group is written at once.
 *
 * <p>Thread-safe: {@code ./portico serve} answers on several threads.
 */
public final class EmfMetrics {
    /** The embedded metric format's limit on the values of one metric in one document. */
    public static final int MAX_VALUES = 100;
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private static final String[] COUNTS = {"Count", "4XXError", "5XXError"};

    private final String namespace;
    private final String apiName;
    private final String stage;
    private final boolean detailed;
    private final Consumer<String> out;
    private final LongSupplier clock;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final String directive;
    private final String directiveWithIntegration;

    /**
     * @param namespace the CloudWatch namespace ({@code AWS/ApiGateway} itself is reserved for AWS: the user names
     *                  their own)
     * @param apiName   the {@code ApiName} dimension
     * @param stage     the {@code Stage} dimension
     * @param detailed  API Gateway's detailed metrics: {@code Resource} and {@code Method} dimensions as well
     * @param out       where each line goes
     * @param clock     epoch milliseconds, the documents' {@code Timestamp}
     */
    public EmfMetrics(String namespace, String apiName, String stage, boolean detailed, Consumer<String> out,
                      LongSupplier clock) {
        if (namespace == null || namespace.isBlank() || namespace.length() > 255) {
            throw new IllegalArgumentException("portico.metrics.namespace must be 1 to 255 characters");
        }
        if (namespace.startsWith("AWS/")) {
            throw new IllegalArgumentException("portico.metrics.namespace: " + namespace
                    + " is reserved for AWS's own services; name a namespace of your own, such as Portico");
        }
        this.namespace = namespace;
        this.apiName = apiName;
        this.stage = stage;
        this.detailed = detailed;
        this.out = out;
        this.clock = clock;
        this.directive = directive(false);
        this.directiveWithIntegration = directive(true);
    }

    /** Adds one request to the batch. */
    public void record(Exchange exchange) {
        String resource = exchange.resourcePath() == null ? "-" : exchange.resourcePath();
        String method = exchange.httpMethod() == null ? "-" : exchange.httpMethod();
        String key = detailed ? method + " " + resource : "";
        String full = null;
        synchronized (groups) {
            Group group = groups.computeIfAbsent(key, k -> new Group(resource, method));
            group.add(exchange);
            if (group.size() >= MAX_VALUES) {
                groups.remove(key);
                full = document(group, clock.getAsLong());
            }
        }
        if (full != null) {
            out.accept(full);
        }
    }

    /** Writes the batch, one line per group, and starts a new one. Nothing when the batch is empty. */
    public void flush() {
        List<Group> batch;
        synchronized (groups) {
            if (groups.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(groups.values());
            groups.clear();
        }
        long now = clock.getAsLong();
        for (Group group : batch) {
            out.accept(document(group, now));
        }
    }

    /**
     * The document: its metric directive is the same for every batch (written once, in the constructor), so only
     * the timestamp, the dimension values and the metric values are written per flush.
     */
    private String document(Group group, long timestamp) {
        StringBuilder text = new StringBuilder(320 + 24 * group.size());
        text.append("{\"_aws\":{\"Timestamp\":").append(timestamp).append(",\"CloudWatchMetrics\":[")
                .append(group.integrationLatency.isEmpty() ? directive : directiveWithIntegration).append("]},");
        string(text, "ApiName", apiName);
        string(text, "Stage", stage);
        if (detailed) {
            string(text, "Resource", group.resource);
            string(text, "Method", group.method);
        }
        values(text, "Count", group.count, false);
        values(text, "4XXError", group.clientErrors, false);
        values(text, "5XXError", group.serverErrors, false);
        values(text, "Latency", group.latency, group.integrationLatency.isEmpty());
        if (!group.integrationLatency.isEmpty()) {
            values(text, "IntegrationLatency", group.integrationLatency, true);
        }
        return text.append('}').toString();
    }

    private static void string(StringBuilder text, String name, String value) {
        text.append('"').append(name).append("\":\"").append(QUOTE.quoteAsString(value)).append("\",");
    }

    private static void values(StringBuilder text, String name, List<? extends Number> values, boolean last) {
        text.append('"').append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Number value = values.get(i);
            if (value instanceof Double d) {
                text.append(d.doubleValue());
            } else {
                text.append(value.longValue());
            }
        }
        text.append(last ? "]" : "],");
    }

    /** The metric directive: namespace, dimension sets and the metrics with their units. */
    private String directive(boolean integrationLatency) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("ApiName");
            json.writeString("Stage");
            json.writeEndArray();
            if (detailed) {
                json.writeStartArray();
                json.writeString("ApiName");
                json.writeString("Stage");
                json.writeString("Resource");
                json.writeString("Method");
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (String count : COUNTS) {
                metric(json, count, "Count");
            }
            metric(json, "Latency", "Milliseconds");
            if (integrationLatency) {
                metric(json, "IntegrationLatency", "Milliseconds");
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static void metric(JsonGenerator json, String name, String unit) throws IOException {
        json.writeStartObject();
        json.writeStringField("Name", name);
        json.writeStringField("Unit", unit);
        json.writeEndObject();
    }

    /** Milliseconds to the microsecond. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** The requests of one resource and method in a batch. */
    private static final class Group {
        final String resource;
        final String method;
        final List<Long> count = new ArrayList<>();
        final List<Long> clientErrors = new ArrayList<>();
        final List<Long> serverErrors = new ArrayList<>();
        final List<Double> latency = new ArrayList<>();
        final List<Double> integrationLatency = new ArrayList<>();

        Group(String resource, String method) {
            this.resource = resource;
            this.method = method;
        }

        void add(Exchange exchange) {
            count.add(1L);
            clientErrors.add(exchange.status() >= 400 && exchange.status() < 500 ? 1L : 0L);
            serverErrors.add(exchange.status() >= 500 ? 1L : 0L);
            latency.add(millis(exchange.latencyNanos()));
            long integration = exchange.invocation() == null ? -1 : exchange.invocation().integrationNanos();
            if (integration >= 0) {
                integrationLatency.add(millis(integration));
            }
        }

        int size() {
            return count.size();
        }
    }
}
