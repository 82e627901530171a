package dev.portico.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few JSON pieces an answer is made of (objects of strings, lists of strings, a number and a boolean), written
 * into one growable byte buffer. Strings are escaped as Jackson's {@code UTF8JsonGenerator} escapes them by default,
 * byte for byte (its test holds the two side by side): {@code "} and {@code \} with a backslash, control characters
 * as {@code \b \t \n \f \r} or <code>&#92;u00XX</code>, each surrogate as <code>&#92;uXXXX</code>, other characters as their UTF-8
 * bytes. An answer is a few hundred bytes of known shape: a general generator costs more to set up and tear down
 * for it than the writing itself.
 */
final class JsonOutput {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 as it is, a letter for its short escape, or 'u' for <code>&#92;u00XX</code>. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPES[c] = 'u';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private byte[] buffer;
    private int length;

    JsonOutput(int capacity) {
        buffer = new byte[capacity];
    }

    void reset() {
        length = 0;
    }

    int capacity() {
        return buffer.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** Bytes as they are: structure and field names made once ({@link #ascii}). */
    JsonOutput raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    JsonOutput raw(char c) {
        room(1);
        buffer[length++] = (byte) c;
        return this;
    }

    /** Structure text as bytes, for {@link #raw(byte[])}. */
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A number of 0 to 999 (an HTTP status); any other through its text. */
    JsonOutput number(int value) {
        if (value < 0 || value > 999) return raw(ascii(Integer.toString(value)));
        room(3);
        if (value >= 100) buffer[length++] = (byte) ('0' + value / 100);
        if (value >= 10) buffer[length++] = (byte) ('0' + value / 10 % 10);
        buffer[length++] = (byte) ('0' + value % 10);
        return this;
    }

    JsonOutput bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** A quoted string. */
    JsonOutput string(String text) {
        int n = text.length();
        room(n + 2);
        buffer[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ESCAPES[c] == 0) plain((byte) c, n - i);
            else escaped(c);
        }
        return raw('"');
    }

    /**
     * A quoted string given as bytes of tab to '~' only (ASCII: one byte a character, so only quote, backslash and
     * the control characters among them are escaped).
     */
    JsonOutput asciiString(byte[] text) {
        room(text.length + 2);
        buffer[length++] = '"';
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b >= 0 && ESCAPES[b] == 0) plain(b, text.length - i);
            else escaped((char) (b & 0xff));
        }
        return raw('"');
    }

    /** A byte written as it is, with room made for the {@code left} characters still to come when it is full. */
    private void plain(byte b, int left) {
        if (length == buffer.length) room(left + 1);
        buffer[length++] = b;
    }

    /** A character that is not written as one byte: an escape, or its UTF-8 bytes. */
    private void escaped(char c) {
        room(6);
        byte[] out = buffer;
        if (c < 0x80) {
            byte escape = ESCAPES[c];
            out[length++] = '\\';
            out[length++] = escape;
            if (escape == 'u') hex4(c);
        } else if (c < 0x800) {
            out[length++] = (byte) (0xc0 | c >> 6);
            out[length++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isSurrogate(c)) {
            out[length++] = '\\';
            out[length++] = 'u';
            hex4(c);
        } else {
            out[length++] = (byte) (0xe0 | c >> 12);
            out[length++] = (byte) (0x80 | c >> 6 & 0x3f);
            out[length++] = (byte) (0x80 | c & 0x3f);
        }
    }

    private void hex4(char c) {
        buffer[length++] = HEX[c >> 12 & 0xf];
        buffer[length++] = HEX[c >> 8 & 0xf];
        buffer[length++] = HEX[c >> 4 & 0xf];
        buffer[length++] = HEX[c & 0xf];
    }
}
