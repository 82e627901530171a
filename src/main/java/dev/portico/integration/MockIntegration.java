package dev.portico.integration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.EndpointResponse;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MOCK: no backend. The request template yields {@code {"statusCode": N}}; that status selects the
 * integration response, whose parameters and template make the answer (the integration body is empty).
 */
public final class MockIntegration implements Integration {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway reads the status even from loose, not-quite-JSON template output. */
    private static final Pattern LOOSE_STATUS = Pattern.compile("\"?statusCode\"?\\s*:\\s*\"?(\\d{3})");

    @Override
    public IntegrationType type() {
        return IntegrationType.MOCK;
    }

    /**
     * Statuses read before, by template output: a route's request template gives the same output on every request
     * more often than not (a literal {@code {"statusCode": 200}} always does), so its status is read once. Direct
     * mapped by the output's hash; a slot holds one output of at most {@link #KNOWN_MAX_BYTES} and is replaced by the
     * next one that lands there.
     */
    private final AtomicReferenceArray<Known> known = new AtomicReferenceArray<>(KNOWN_SLOTS);
    private static final int KNOWN_SLOTS = 32;
    private static final int KNOWN_MAX_BYTES = 256;

    /** A template output (a copy, never changed) and the status read from it. */
    private record Known(byte[] output, int status) {}

    @Override
    public EndpointResponse invoke(IntegrationRequest request, Invocation invocation) {
        return new EndpointResponse(status(request.body(), invocation), Headers.empty(), OutgoingResponse.NO_BODY, null);
    }

    /** The status the request template's output gives, read once per distinct short output. */
    int status(byte[] body, Invocation invocation) {
        if (body.length > KNOWN_MAX_BYTES) {
            return readStatus(body, invocation);
        }
        int slot = Arrays.hashCode(body) & (KNOWN_SLOTS - 1);
        Known seen = known.get(slot);
        if (seen != null && Arrays.equals(seen.output, body)) {
            return seen.status;
        }
        int status = readStatus(body, invocation); // an output with no status throws, and is not kept
        known.set(slot, new Known(body.clone(), status));
        return status;
    }

    private static int readStatus(byte[] body, Invocation invocation) {
        return plainAscii(body) ? asciiStatusOf(body, invocation)
                : statusOf(new String(body, StandardCharsets.UTF_8), invocation);
    }

    /** Tab to '~' only: bytes that read the same as UTF-8 text and as JSON bytes (no BOM, no UTF-16 guess). */
    static boolean plainAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0x09 || b > 0x7e) return false;
        }
        return true;
    }

    /**
     * {@link #statusOf} for a plain ASCII template output, read with the streaming parser straight from the bytes
     * (no text copy, no tree): the same reading of the first JSON value (the last {@code statusCode} of a root
     * object wins, as in a tree), the same loose reading when it is not JSON.
     */
    static int asciiStatusOf(byte[] body, Invocation invocation) {
        if (asciiBlank(body)) {
            return 200;
        }
        Integer status;
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            status = strictStatus(parser);
        } catch (IOException e) {
            status = null; // not strict JSON: the loose reading
        }
        return status != null ? status : looseStatus(new String(body, StandardCharsets.US_ASCII), invocation);
    }

    /** Whitespace as {@link String#isBlank()} counts it, for the bytes {@link #plainAscii} lets through. */
    private static boolean asciiBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && (b < 0x09 || b > 0x0d) && (b < 0x1c || b > 0x1f)) return false;
        }
        return true;
    }

    /** The root object's statusCode as a tree's {@code path("statusCode")} gives it, or null when it gives none. */
    private static Integer strictStatus(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            // not an object: nothing has a statusCode (the rest of the value must still parse, as for a tree)
            parser.skipChildren();
            return null;
        }
        Integer status = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("statusCode")) {
                status = switch (value) {
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
                    case VALUE_NUMBER_FLOAT -> {
                        double number = parser.getDoubleValue();
                        yield number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (int) number : null;
                    }
                    case VALUE_STRING -> parser.getText().matches("\\d{3}") ? Integer.valueOf(parser.getText()) : null;
                    default -> null;
                };
            }
            parser.skipChildren();
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("the object does not end");
        }
        return status;
    }

    /** The status from the template output as text: the reading of any output, ASCII or not. */
    static int statusOf(String body, Invocation invocation) {
        if (body.isBlank()) {
            return 200;
        }
        try {
            JsonNode status = JSON.readTree(body).path("statusCode");
            if (status.canConvertToInt() || status.isTextual() && status.asText().matches("\\d{3}")) {
                return status.asInt();
            }
        } catch (IOException e) {
            // not strict JSON: fall through to the loose reading
        }
        return looseStatus(body, invocation);
    }

    private static int looseStatus(String body, Invocation invocation) {
        Matcher loose = LOOSE_STATUS.matcher(body);
        if (loose.find()) {
            return Integer.parseInt(loose.group(1));
        }
        throw GatewayException.configurationError(invocation.route().name()
                + ": the MOCK request template gave no statusCode");
    }
}
