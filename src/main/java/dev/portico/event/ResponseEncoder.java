package dev.portico.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes an {@link OutgoingResponse} in the caller's own response shape (FORMAT.md §1-§3). Never writes a
 * JSON null: callers (the ALB above all) answer 502 to one.
 */
public final class ResponseEncoder {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SET_COOKIE = "Set-Cookie";
    /** The answer is written into one buffer per thread, reused, then copied once at its exact length. */
    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(4096));
    private static final int MAX_KEPT_BUFFER = 256 * 1024;

    /** @param format the caller; null when unknown (a shape every caller accepts is used) */
    public byte[] encode(OutgoingResponse response, CallerFormat format) {
        byte[] body = response.body() == null ? OutgoingResponse.NO_BODY : response.body();
        List<Header> headers = headers(response.headers());
        // A status outside 100-599 is a malformed answer to every caller; send the error the callers would.
        int status = response.status() >= 100 && response.status() <= 599 ? response.status() : 500;
        ByteArrayBuilder out = BUFFER.get();
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", status);
            if (format == null) {
                writeSingleValueHeaders(g, headers);
            } else {
                switch (format) {
                    case ALB, ALB_MULTI_VALUE -> {
                        g.writeStringField("statusDescription", status + " " + ReasonPhrases.of(status));
                        if (format == CallerFormat.ALB) writeSingleValueHeaders(g, headers);
                        else writeMultiValueHeaders(g, "multiValueHeaders", headers, false);
                    }
                    case REST_V1, HTTP_API_V1 -> {
                        writeMultiValueHeaders(g, "headers", headers, true);
                        writeMultiValueHeaders(g, "multiValueHeaders", headers, false);
                    }
                    case HTTP_API_V2 -> writeV2Headers(g, headers);
                }
            }
            if (response.binary()) {
                g.writeStringField("body", Base64.getEncoder().encodeToString(body));
            } else if (plainAscii(body)) {
                // the same characters as the decoded text, escaped by the generator straight from the bytes
                g.writeFieldName("body");
                g.writeUTF8String(body, 0, body.length);
            } else {
                g.writeStringField("body", new String(body, StandardCharsets.UTF_8));
            }
            g.writeBooleanField("isBase64Encoded", response.binary());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the response JSON", e);
        }
        byte[] encoded = out.toByteArray();
        if (encoded.length > MAX_KEPT_BUFFER) {
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

    private record Header(String name, List<String> values) {
        boolean isSetCookie() {
            return name.equalsIgnoreCase(SET_COOKIE);
        }

        String joined() {
            return values.size() == 1 ? values.get(0) : String.join(", ", values);
        }

        String last() {
            return values.get(values.size() - 1);
        }
    }

    /** The headers without null names or values, and without names left with no value. */
    private static List<Header> headers(Headers headers) {
        List<Header> result = new ArrayList<>(headers == null ? 0 : headers.size());
        if (headers == null) return result;
        headers.forEach((name, values) -> {
            if (name == null) return;
            if (!values.contains(null)) {
                if (!values.isEmpty()) result.add(new Header(name, values));
                return;
            }
            List<String> kept = new ArrayList<>(values.size());
            for (String value : values) if (value != null) kept.add(value);
            if (!kept.isEmpty()) result.add(new Header(name, kept));
        });
        return result;
    }

    /**
     * One string per name (ALB with multi-value headers off, and the unknown-caller shape). Repeated headers
     * are comma-joined, which HTTP defines as equivalent for list-valued fields. Set-Cookie cannot be joined
     * (a cookie's Expires date holds a comma, RFC 6265 §3), and only one fits: the last one is kept, the
     * same value a single-value caller keeps of a repeated request header. The others are dropped.
     */
    private static void writeSingleValueHeaders(JsonGenerator g, List<Header> headers) throws IOException {
        g.writeObjectFieldStart("headers");
        for (Header h : headers) g.writeStringField(h.name, h.isSetCookie() ? h.last() : h.joined());
        g.writeEndObject();
    }

    /** Every name with all its values as a list; with {@code onlySingle}, just the names with one value. */
    private static void writeMultiValueHeaders(JsonGenerator g, String field, List<Header> headers,
                                               boolean onlySingle) throws IOException {
        g.writeObjectFieldStart(field);
        for (Header h : headers) {
            if (onlySingle) {
                if (h.values.size() == 1) g.writeStringField(h.name, h.values.get(0));
                continue;
            }
            g.writeArrayFieldStart(h.name);
            for (String value : h.values) g.writeString(value);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Payload 2.0: comma-joined headers; each Set-Cookie value becomes a {@code cookies} entry. */
    private static void writeV2Headers(JsonGenerator g, List<Header> headers) throws IOException {
        g.writeObjectFieldStart("headers");
        List<String> cookies = new ArrayList<>();
        for (Header h : headers) {
            if (h.isSetCookie()) cookies.addAll(h.values);
            else g.writeStringField(h.name, h.joined());
        }
        g.writeEndObject();
        if (cookies.isEmpty()) return;
        g.writeArrayFieldStart("cookies");
        for (String cookie : cookies) g.writeString(cookie);
        g.writeEndArray();
    }
}
