package dev.portico.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes an {@link OutgoingResponse} in the caller's own response shape (FORMAT.md §1-§3). Never writes a
 * JSON null: callers (the ALB above all) answer 502 to one.
 */
public final class ResponseEncoder {
    private static final String SET_COOKIE = "set-cookie";
    /** The answer is written into one buffer per thread, reused, then copied once at its exact length. */
    private static final ThreadLocal<JsonOutput> BUFFER = ThreadLocal.withInitial(() -> new JsonOutput(4096));
    private static final int MAX_KEPT_BUFFER = 256 * 1024;
    /** The structure around the values, encoded once. */
    private static final byte[] STATUS_CODE = JsonOutput.ascii("{\"statusCode\":");
    private static final byte[] STATUS_DESCRIPTION = JsonOutput.ascii(",\"statusDescription\":");
    private static final byte[] HEADERS = JsonOutput.ascii(",\"headers\":{");
    private static final byte[] MULTI_VALUE_HEADERS = JsonOutput.ascii(",\"multiValueHeaders\":{");
    private static final byte[] COOKIES = JsonOutput.ascii(",\"cookies\":[");
    private static final byte[] BODY = JsonOutput.ascii(",\"body\":");
    private static final byte[] IS_BASE64_ENCODED = JsonOutput.ascii(",\"isBase64Encoded\":");

    /** @param format the caller; null when unknown (a shape every caller accepts is used) */
    public byte[] encode(OutgoingResponse response, CallerFormat format) {
        byte[] body = response.body() == null ? OutgoingResponse.NO_BODY : response.body();
        Headers headers = response.headers() == null ? Headers.empty() : response.headers();
        // A status outside 100-599 is a malformed answer to every caller; send the error the callers would.
        int status = response.status() >= 100 && response.status() <= 599 ? response.status() : 500;
        JsonOutput out = BUFFER.get();
        out.reset();
        out.raw(STATUS_CODE).number(status);
        if (format == null) {
            writeSingleValueHeaders(out, headers);
        } else {
            switch (format) {
                case ALB, ALB_MULTI_VALUE -> {
                    out.raw(STATUS_DESCRIPTION).string(ReasonPhrases.statusDescription(status));
                    if (format == CallerFormat.ALB) writeSingleValueHeaders(out, headers);
                    else writeMultiValueHeaders(out, MULTI_VALUE_HEADERS, headers, false);
                }
                case REST_V1, HTTP_API_V1 -> {
                    writeMultiValueHeaders(out, HEADERS, headers, true);
                    writeMultiValueHeaders(out, MULTI_VALUE_HEADERS, headers, false);
                }
                case HTTP_API_V2 -> writeV2Headers(out, headers);
            }
        }
        out.raw(BODY);
        if (response.binary()) {
            out.string(Base64.getEncoder().encodeToString(body));
        } else if (plainAscii(body)) {
            // the same characters as the decoded text, escaped straight from the bytes
            out.asciiString(body);
        } else {
            out.string(new String(body, StandardCharsets.UTF_8));
        }
        out.raw(IS_BASE64_ENCODED).bool(response.binary()).raw('}');
        byte[] encoded = out.toByteArray();
        if (out.capacity() > MAX_KEPT_BUFFER) {
            BUFFER.remove(); // a rare large answer: do not keep its buffer for the thread's life
        }
        return encoded;
    }
    /** Tab to '~': bytes whose UTF-8 reading is the same characters, one per byte. */
    private static boolean plainAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0x09 || b > 0x7e) return false;
        }
        return true;
    }

    /**
     * The values of a name without nulls (which no caller takes): the values themselves when they hold none, as
     * they mostly do; empty when none is left, and the name is then not written.
     */
    private static List<String> sendable(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                List<String> kept = new ArrayList<>(values.size());
                for (String value : values) if (value != null) kept.add(value);
                return kept;
            }
        }
        return values;
    }

    private static String joined(List<String> values) {
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /**
     * One string per name (ALB with multi-value headers off, and the unknown-caller shape). Repeated headers
     * are comma-joined, which HTTP defines as equivalent for list-valued fields. Set-Cookie cannot be joined
     * (a cookie's Expires date holds a comma, RFC 6265 §3), and only one fits: the last one is kept, the
     * same value a single-value caller keeps of a repeated request header. The others are dropped.
     */
    private static void writeSingleValueHeaders(JsonOutput out, Headers headers) {
        out.raw(HEADERS);
        boolean first = true;
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty()) continue;
            if (!first) out.raw(',');
            first = false;
            out.string(headers.nameAt(i)).raw(':').string(headers.keyAt(i).equals(SET_COOKIE)
                    ? values.get(values.size() - 1) : joined(values));
        }
        out.raw('}');
    }

    /** Every name with all its values as a list; with {@code onlySingle}, just the names with one value. */
    private static void writeMultiValueHeaders(JsonOutput out, byte[] field, Headers headers, boolean onlySingle) {
        out.raw(field);
        boolean first = true;
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty() || onlySingle && values.size() != 1) continue;
            if (!first) out.raw(',');
            first = false;
            out.string(headers.nameAt(i)).raw(':');
            if (onlySingle) {
                out.string(values.get(0));
                continue;
            }
            out.raw('[');
            for (int v = 0; v < values.size(); v++) {
                if (v > 0) out.raw(',');
                out.string(values.get(v));
            }
            out.raw(']');
        }
        out.raw('}');
    }

    /** Payload 2.0: comma-joined headers; each Set-Cookie value becomes a {@code cookies} entry. */
    private static void writeV2Headers(JsonOutput out, Headers headers) {
        out.raw(HEADERS);
        List<String> cookies = null;
        boolean first = true;
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty()) continue;
            if (headers.keyAt(i).equals(SET_COOKIE)) {
                if (cookies == null) cookies = new ArrayList<>();
                cookies.addAll(values);
                continue;
            }
            if (!first) out.raw(',');
            first = false;
            out.string(headers.nameAt(i)).raw(':').string(joined(values));
        }
        out.raw('}');
        if (cookies == null) return;
        out.raw(COOKIES);
        for (int c = 0; c < cookies.size(); c++) {
            if (c > 0) out.raw(',');
            out.string(cookies.get(c));
        }
        out.raw(']');
    }
}
