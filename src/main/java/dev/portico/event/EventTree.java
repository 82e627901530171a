package dev.portico.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The event read with the streaming parser into the same tree {@code ObjectMapper.readTree} makes, except that a
 * top-level string {@code body} is not decoded into a String: its bytes are unescaped straight from the event into
 * the request body. Whatever this reading does not take exactly as the tree reading would (not an object, a float,
 * deep nesting, a body that is not plain ASCII, trailing tokens, any parse error), it declines: the caller then
 * reads the event as before, with the same outcome and the same message.
 *
 * <p>A top-level {@code headers} or {@code multiValueHeaders} object of plain strings (lists of strings) is read
 * straight into {@link Headers}, as the decoders would add it from the tree; in the tree it is then an empty object, so
 * that the caller format is still told by the fields present. Values of other types (numbers, nested values) and names
 * given twice leave the whole event to the tree reading, which is the reference for them.
 *
 * <p>An object member's string value that is printable ASCII without escapes (most header values, the method, the
 * path) is copied straight from the event's bytes at the parser's token offset, the same characters the parser would
 * decode; any other string is the parser's.
 */
final class EventTree {
    /** Deeper than any real event; deeper ones go to the tree reading, which has its own limits and messages. */
    private static final int MAX_DEPTH = 32;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What stands in the tree for a headers object read into {@link Headers}; never changed. */
    static final ObjectNode READ_AS_HEADERS = NODES.objectNode();

    /**
     * @param body              a top-level string body as bytes, or null when the event has none or it is in the tree
     * @param headers           the top-level {@code headers} object as headers, or null when it is in the tree (or absent)
     * @param multiValueHeaders the same for {@code multiValueHeaders}
     */
    record Read(ObjectNode root, byte[] body, Headers headers, Headers multiValueHeaders) {}

    /** Thrown to stop a reading that must decline; no stack trace. */
    private static final class Declined extends Exception {
        Declined() {
            super(null, null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();

    private EventTree() {}

    /** @return the tree and body, or null when the event must be read as a tree */
    static Read read(JsonFactory json, byte[] event) {
        try (JsonParser parser = json.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return null;
            ObjectNode root = NODES.objectNode();
            int bodyAt = -1;
            Headers headers = null;
            Headers multiValueHeaders = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("body")) {
                    if (value == JsonToken.VALUE_STRING) {
                        // not decoded: the next token skips (and checks) it; the last "body" wins, as in a tree
                        bodyAt = memberQuote(parser);
                        root.remove("body");
                        continue;
                    }
                    bodyAt = -1;
                } else if (name.equals("headers")) {
                    // the last "headers" wins, as in a tree
                    headers = value == JsonToken.START_OBJECT ? headers(parser, event, false) : null;
                    if (headers != null) {
                        root.replace(name, READ_AS_HEADERS);
                        continue;
                    }
                } else if (name.equals("multiValueHeaders")) {
                    multiValueHeaders = value == JsonToken.START_OBJECT ? headers(parser, event, true) : null;
                    if (multiValueHeaders != null) {
                        root.replace(name, READ_AS_HEADERS);
                        continue;
                    }
                }
                root.replace(name, value(parser, event, value, 1, true));
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) return null;
            byte[] body = null;
            if (bodyAt >= 0) {
                body = unescapeAscii(event, bodyAt, json.streamReadConstraints().getMaxStringLength());
                if (body == null) return null;
            }
            return new Read(root, body, headers, multiValueHeaders);
        } catch (IOException | RuntimeException | Declined e) {
            return null;
        }
    }

    /**
     * A headers object, its start read: each name to a string ({@code multi}: to a list of strings), null values and
     * items skipped, as {@code EventFields} adds them from a tree.
     */
    private static Headers headers(JsonParser parser, byte[] event, boolean multi) throws IOException, Declined {
        Headers headers = new Headers();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            // a name given twice: the tree keeps the last one; a name in two casings: one entry either way
            if (value == JsonToken.VALUE_NULL) {
                if (headers.contains(name)) throw DECLINED;
                continue;
            }
            if (!multi) {
                if (value != JsonToken.VALUE_STRING || !headers.addNew(name, memberText(parser, event))) throw DECLINED;
                continue;
            }
            if (value != JsonToken.START_ARRAY) throw DECLINED;
            if (headers.contains(name)) throw DECLINED;
            JsonToken item;
            while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (item == JsonToken.VALUE_STRING) headers.add(name, parser.getText());
                else if (item != JsonToken.VALUE_NULL) throw DECLINED;
            }
        }
        return headers;
    }

    /**
     * @param event  the event's bytes
     * @param member whether the value is an object member's (after its name), whose text can be taken from the bytes
     */
    private static JsonNode value(JsonParser parser, byte[] event, JsonToken token, int depth, boolean member)
            throws IOException, Declined {
        switch (token) {
            case START_OBJECT -> {
                if (depth > MAX_DEPTH) throw DECLINED;
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.replace(name, value(parser, event, parser.nextToken(), depth + 1, true));
                }
                return object;
            }
            case START_ARRAY -> {
                if (depth > MAX_DEPTH) throw DECLINED;
                ArrayNode array = NODES.arrayNode();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, event, item, depth + 1, false));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(member ? memberText(parser, event) : parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    case BIG_INTEGER -> NODES.numberNode(parser.getBigIntegerValue());
                    default -> throw DECLINED;
                };
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw DECLINED; // floats (whose node type the tree reading decides), anything unforeseen
        }
    }

    /**
     * Where the opening quote of an object member's value is in the event's bytes: the parser's own offset of the
     * token (as its {@code currentTokenLocation()} gives it, without making a location); -1 when the parser does not
     * tell. Each use checks that a quote is there.
     */
    private static int memberQuote(JsonParser parser) {
        return parser instanceof ParserBase base ? (int) base.getTokenCharacterOffset() - 1
                : (int) parser.currentTokenLocation().getByteOffset();
    }

    /**
     * The text of the string value an object member has: straight from the event's bytes when they are printable
     * ASCII without escapes (a header value, a method, a path), as the parser would decode them; else the parser's.
     */
    private static String memberText(JsonParser parser, byte[] event) throws IOException {
        int quote = memberQuote(parser);
        if (quote >= 0 && quote < event.length && event[quote] == '"') {
            for (int i = quote + 1; i < event.length; i++) {
                byte b = event[i];
                if (b == '"') {
                    int length = i - quote - 1;
                    if (length > parser.streamReadConstraints().getMaxStringLength()) break; // the parser refuses it
                    return new String(event, quote + 1, length, StandardCharsets.ISO_8859_1);
                }
                if (b < 0x20 || b == '\\') break; // an escape, a control character or non-ASCII: the parser decodes
            }
        }
        return parser.getText();
    }

    /**
     * The JSON string whose opening quote is at {@code quote}, unescaped into bytes, when all its characters are
     * ASCII (bytes and escapes alike): then its UTF-8 bytes are those characters. Null otherwise, and when it is
     * longer than the parser would take.
     */
    static byte[] unescapeAscii(byte[] event, int quote, int maxLength) {
        if (quote >= event.length || event[quote] != '"') return null;
        int length = 0;
        int i = quote + 1;
        while (true) {
            if (i >= event.length) return null;
            byte b = event[i];
            if (b == '"') break;
            if (b < 0x20) return null; // non-ASCII (negative) or a raw control character
            if (b == '\\') {
                if (i + 1 >= event.length) return null;
                byte escaped = event[i + 1];
                if (escaped == 'u') {
                    if (unicodeEscape(event, i) < 0) return null;
                    i += 6;
                } else if (simpleEscape(escaped) < 0) {
                    return null;
                } else {
                    i += 2;
                }
            } else {
                i++;
            }
            length++;
        }
        if (length > maxLength) return null;
        byte[] out = new byte[length];
        int o = 0;
        i = quote + 1;
        while (o < length) {
            byte b = event[i];
            if (b == '\\') {
                byte escaped = event[i + 1];
                if (escaped == 'u') {
                    out[o++] = (byte) unicodeEscape(event, i);
                    i += 6;
                } else {
                    out[o++] = (byte) simpleEscape(escaped);
                    i += 2;
                }
            } else {
                out[o++] = b;
                i++;
            }
        }
        return out;
    }

    private static int simpleEscape(byte escaped) {
        return switch (escaped) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> -1;
        };
    }

    /** The character of a {@code \\uXXXX} escape at {@code at} when it is ASCII, else -1. */
    private static int unicodeEscape(byte[] event, int at) {
        if (at + 5 >= event.length) return -1;
        int code = 0;
        for (int k = 2; k <= 5; k++) {
            int digit = Character.digit(event[at + k], 16);
            if (digit < 0) return -1;
            code = code << 4 | digit;
        }
        return code < 0x80 ? code : -1;
    }
}
