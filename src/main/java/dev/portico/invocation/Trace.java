package dev.portico.invocation;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The X-Ray trace of one request, as API Gateway carries it: the caller's {@code X-Amzn-Trace-Id} root and parent
 * kept, the missing parts made (a root {@code 1-<epoch seconds, hex>-<96 random bits, hex>}, a 64-bit parent), and
 * {@code Sampled} kept, else 1 when the caller named a parent and 0 when not. Recorded on AWS: LocalStack's
 * {@code test_apigateway_common.snapshot.json} ({@code test_invocation_trace_id}), where a caller's full header
 * comes back whole and a root alone comes back with a parent of API Gateway's own. The trace id format is X-Ray's
 * ("Sending trace data to AWS X-Ray", trace IDs).
 *
 * @param root    the trace id, {@code 1-5759e988-bd862e3fe1be46a994272793}: {@code $context.xrayTraceId}
 * @param parent  the parent segment id, 16 hex digits
 * @param sampled {@code 1} or {@code 0}
 */
public record Trace(String root, String parent, String sampled) {
    public static final String HEADER = "X-Amzn-Trace-Id";

    /** The trace for a request whose {@code X-Amzn-Trace-Id} is {@code header} (null when it sent none). */
    public static Trace of(String header) {
        String root = null;
        String parent = null;
        String sampled = null;
        if (header != null) {
            for (String part : header.split(";")) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String key = part.substring(0, equals).trim();
                String value = part.substring(equals + 1).trim();
                if (value.isEmpty()) {
                    continue;
                }
                if (key.equalsIgnoreCase("Root")) {
                    root = value;
                } else if (key.equalsIgnoreCase("Parent")) {
                    parent = value;
                } else if (key.equalsIgnoreCase("Sampled")) {
                    sampled = value;
                }
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (root == null) {
            root = String.format("1-%08x-%012x%012x", System.currentTimeMillis() / 1000,
                    random.nextLong(1L << 48), random.nextLong(1L << 48));
        }
        if (sampled == null) {
            sampled = parent != null ? "1" : "0";
        }
        if (parent == null) {
            parent = String.format("%016x", random.nextLong());
        }
        return new Trace(root, parent, sampled);
    }

    /** The header's value: {@code Root=...;Parent=...;Sampled=...}. */
    public String header() {
        return "Root=" + root + ";Parent=" + parent + ";Sampled=" + sampled;
    }
}
