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
            int start = 0;
            while (start <= header.length()) {
                int end = header.indexOf(';', start);
                if (end < 0) {
                    end = header.length();
                }
                String part = header.substring(start, end);
                start = end + 1;
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
            root = "1-" + hex(System.currentTimeMillis() / 1000, 8) + "-" + hex(random.nextLong(1L << 48), 12)
                    + hex(random.nextLong(1L << 48), 12);
        }
        if (sampled == null) {
            sampled = parent != null ? "1" : "0";
        }
        if (parent == null) {
            parent = hex(random.nextLong(), 16);
        }
        return new Trace(root, parent, sampled);
    }

    /** {@code String.format("%0<digits>x", value)} without a Formatter: lower-case hex, zero-padded. */
    static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
    }

    /** The header's value: {@code Root=...;Parent=...;Sampled=...}. */
    public String header() {
        return "Root=" + root + ";Parent=" + parent + ";Sampled=" + sampled;
    }
}
