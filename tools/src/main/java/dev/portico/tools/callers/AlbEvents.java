package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ALB target-group events. Header names arrive lower-cased; query keys and values stay percent-encoded (the ALB
 * does not decode them). Single-value mode keeps the last value of a repeated key; multi-value mode sends only
 * {@code multiValueHeaders} and {@code multiValueQueryStringParameters}.
 */
final class AlbEvents implements EventFactory {
    static final String TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef";

    private final boolean multiValue;

    private static final String TRACE = "X-Amzn-Trace-Id";

    AlbEvents(boolean multiValue) {
        this.multiValue = multiValue;
    }

    @Override
    public ObjectNode build(ClientRequest request, String stage, String requestId) {
        ObjectNode event = NODES.objectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", TARGET_GROUP_ARN);
        event.put("httpMethod", request.method());
        event.put("path", request.path());

        Map<String, List<String>> query = QueryString.multi(request.rawQuery(), false);
        ObjectNode headers = NODES.objectNode();
        request.headers().entries().stream().filter(h -> !h.getKey().equalsIgnoreCase(TRACE))
                .forEach(h -> add(headers, h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        add(headers, "x-amzn-trace-id", trace(request.header(TRACE), requestId));
        add(headers, "x-forwarded-for", request.sourceIp());
        add(headers, "x-forwarded-port", "443");
        add(headers, "x-forwarded-proto", "https");
        if (multiValue) {
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            query.forEach((key, values) -> values.forEach(multiQuery.withArray(key)::add));
            event.set("multiValueHeaders", headers);
        } else {
            ObjectNode singleQuery = event.putObject("queryStringParameters");
            query.forEach((key, values) -> singleQuery.put(key, values.get(values.size() - 1)));
            event.set("headers", headers);
        }
        EventFactory.putBody(event, request, true, NODES.objectNode().put("body", ""));
        return event;
    }

    /**
     * The {@code X-Amzn-Trace-Id} an ALB forwards ("Request tracing for your Application Load Balancer", ELB guide):
     * a client's header that has a Root keeps it, and every other field, behind a {@code Self} field of the load
     * balancer's; without one the load balancer makes a Root.
     */
    private static String trace(String client, String requestId) {
        String id = String.format("1-00000000-%024x", requestId.hashCode() & 0xffffffffL);
        return client != null && client.contains("Root=") ? "Self=" + id + ";" + client : "Root=" + id;
    }

    /** Adds a header in this mode: appended to the list (multi-value) or replacing the previous value. */
    private void add(ObjectNode headers, String name, String value) {
        if (multiValue) {
            ArrayNode values = headers.withArray(name);
            values.add(value);
        } else {
            headers.put(name, value);
        }
    }
}
