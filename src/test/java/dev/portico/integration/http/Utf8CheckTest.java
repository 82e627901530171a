package dev.portico.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP_PROXY's text-or-binary check agrees with the JDK's strict UTF-8 decoder, without decoding. */
class Utf8CheckTest {

    private static boolean jdk(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "41", "c3bc", "e282ac", "f09f9880", "c0af", "c1bf", "e080af", "eda080", "edbfbf",
            "f4908080", "f5808080", "ff", "80", "c3", "e282", "f09f98", "c328", "e28228", "f0288c28", "efbbbf41",
            "f48fbfbf", "ee8080"})
    void edgeCases(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(jdk(bytes), HttpProxyIntegration.isUtf8(bytes), hex);
    }

    @Test
    void randomBytesAndText() {
        Random random = new Random(25);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            assertEquals(jdk(bytes), HttpProxyIntegration.isUtf8(bytes), HexFormat.of().formatHex(bytes));
            int[] code = random.ints(4, 0, 0x110000).filter(c -> c < 0xd800 || c > 0xdfff).toArray();
            byte[] text = new String(code, 0, code.length).getBytes(StandardCharsets.UTF_8);
            assertEquals(true, HttpProxyIntegration.isUtf8(text), HexFormat.of().formatHex(text));
        }
    }
}
