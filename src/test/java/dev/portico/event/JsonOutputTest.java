package dev.portico.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answer's JSON strings, byte for byte as Jackson's generator writes them, and read back as they were. */
class JsonOutputTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private interface Write {
        void to(JsonGenerator g) throws IOException;
    }

    private static byte[] jackson(Write write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            write.to(g);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] ours(String text, int capacity) {
        JsonOutput out = new JsonOutput(capacity);
        out.string(text);
        return out.toByteArray();
    }

    @Test
    void everyCharacterAsJacksonWritesIt() throws IOException {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            byte[] expected = jackson(g -> g.writeString(text));
            assertArrayEquals(expected, ours(text, 16), () -> "U+" + Integer.toHexString(text.charAt(1)));
        }
    }

    @Test
    void randomTextAcrossBufferGrowth() throws IOException {
        Random random = new Random(11);
        char[] alphabet = "aZ09 ~\u007f'\"\\/\n\t\r\b\f\u0000\u001f\u00e9\u07ff\u0800\u20ac\uffff\ud83d\ude00\ud800\udc00"
                .toCharArray();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(n % 100 == 0 ? 5000 : 40);
            for (int i = 0; i < length; i++) text.append(alphabet[random.nextInt(alphabet.length)]);
            String value = text.toString();
            byte[] expected = jackson(g -> g.writeString(value));
            assertArrayEquals(expected, ours(value, 1 + random.nextInt(8)), value);
            if (!value.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
                assertEquals(value, MAPPER.readTree(ours(value, 4)).textValue());
            }
        }
    }

    @Test
    void asciiBytesAsJacksonWritesThem() {
        byte[] all = new byte[0x7e - 0x09 + 1];
        for (int i = 0; i < all.length; i++) all[i] = (byte) (0x09 + i);
        for (int capacity : new int[] {1, 3, 64, 512}) {
            JsonOutput out = new JsonOutput(capacity);
            out.asciiString(all);
            assertArrayEquals(jackson(g -> g.writeUTF8String(all, 0, all.length)), out.toByteArray());
        }
    }

    @Test
    void numbersAndStructure() {
        for (int status : new int[] {0, 7, 42, 100, 200, 599, 999, 1000, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            JsonOutput out = new JsonOutput(1);
            out.raw(JsonOutput.ascii("{\"n\":")).number(status).raw(',').raw(JsonOutput.ascii("\"b\":")).bool(status > 0)
                    .raw('}');
            assertEquals("{\"n\":" + status + ",\"b\":" + (status > 0) + "}",
                    new String(out.toByteArray(), StandardCharsets.US_ASCII));
        }
        JsonOutput reused = new JsonOutput(8);
        reused.string("first");
        reused.reset();
        reused.string("x");
        assertEquals("\"x\"", new String(reused.toByteArray(), StandardCharsets.US_ASCII));
    }
}
