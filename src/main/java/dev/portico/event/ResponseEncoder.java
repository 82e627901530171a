package dev.portico.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
    private static final String SET_COOKIE = "set-cookie";
    /** The answer is written into one buffer per thread, reused, then copied once at its exact length. */
    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(4096));
    private static final int MAX_KEPT_BUFFER = 256 * 1024;
    /** The field names, encoded once. */
    private static final SerializedString STATUS_CODE = new SerializedString("statusCode");
    private static final SerializedString STATUS_DESCRIPTION = new SerializedString("statusDescription");
    private static final SerializedString HEADERS = new SerializedString("headers");
    private static final SerializedString MULTI_VALUE_HEADERS = new SerializedString("multiValueHeaders");
    private static final SerializedString COOKIES = new SerializedString("cookies");
    private static final SerializedString BODY = new SerializedString("body");
    private static final SerializedString IS_BASE64_ENCODED = new SerializedString("isBase64Encoded");

    /** @param format the caller; null when unknown (a shape every caller accepts is used) */
    public byte[] encode(OutgoingResponse response, CallerFormat format) {
        byte[] body = response.body() == null ? OutgoingResponse.NO_BODY : response.body();
        Headers headers = response.headers() == null ? Headers.empty() : response.headers();
        // A status outside 100-599 is a malformed answer to every caller; send the error the callers would.
        int status = response.status() >= 100 && response.status() <= 599 ? response.status() : 500;
        ByteArrayBuilder out = BUFFER.get();
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(STATUS_CODE);
            g.writeNumber(status);
            if (format == null) {
                writeSingleValueHeaders(g, headers);
            } else {
                switch (format) {
                    case ALB, ALB_MULTI_VALUE -> {
                        g.writeFieldName(STATUS_DESCRIPTION);
                        g.writeString(ReasonPhrases.statusDescription(status));
                        if (format == CallerFormat.ALB) writeSingleValueHeaders(g, headers);
                        else writeMultiValueHeaders(g, MULTI_VALUE_HEADERS, headers, false);
                    }
                    case REST_V1, HTTP_API_V1 -> {
                        writeMultiValueHeaders(g, HEADERS, headers, true);
                        writeMultiValueHeaders(g, MULTI_VALUE_HEADERS, headers, false);
                    }
                    case HTTP_API_V2 -> writeV2Headers(g, headers);
                }
            }
            g.writeFieldName(BODY);
            if (response.binary()) {
                g.writeString(Base64.getEncoder().encodeToString(body));
            } else if (plainAscii(body)) {
                // the same characters as the decoded text, escaped by the generator straight from the bytes
                g.writeUTF8String(body, 0, body.length);
            } else {
                g.writeString(new String(body, StandardCharsets.UTF_8));
            }
            g.writeFieldName(IS_BASE64_ENCODED);
            g.writeBoolean(response.binary());
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
    private static void writeSingleValueHeaders(JsonGenerator g, Headers headers) throws IOException {
        g.writeFieldName(HEADERS);
        g.writeStartObject();
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty()) continue;
            g.writeStringField(headers.nameAt(i), headers.keyAt(i).equals(SET_COOKIE)
                    ? values.get(values.size() - 1) : joined(values));
        }
        g.writeEndObject();
    }

    /** Every name with all its values as a list; with {@code onlySingle}, just the names with one value. */
    private static void writeMultiValueHeaders(JsonGenerator g, SerializedString field, Headers headers,
                                               boolean onlySingle) throws IOException {
        g.writeFieldName(field);
        g.writeStartObject();
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty()) continue;
            if (onlySingle) {
                if (values.size() == 1) g.writeStringField(headers.nameAt(i), values.get(0));
                continue;
            }
            g.writeArrayFieldStart(headers.nameAt(i));
            for (String value : values) g.writeString(value);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Payload 2.0: comma-joined headers; each Set-Cookie value becomes a {@code cookies} entry. */
    private static void writeV2Headers(JsonGenerator g, Headers headers) throws IOException {
        g.writeFieldName(HEADERS);
        g.writeStartObject();
        List<String> cookies = null;
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = sendable(headers.valuesAt(i));
            if (values.isEmpty()) continue;
            if (headers.keyAt(i).equals(SET_COOKIE)) {
                if (cookies == null) cookies = new ArrayList<>();
                cookies.addAll(values);
            } else {
                g.writeStringField(headers.nameAt(i), joined(values));
            }
        }
        g.writeEndObject();
        if (cookies == null) return;
        g.writeFieldName(COOKIES);
        g.writeStartArray();
        for (String cookie : cookies) g.writeString(cookie);
        g.writeEndArray();
    }
}
