package dev.portico.template.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.apache.commons.lang3.StringEscapeUtils;
import org.junit.jupiter.api.Test;

/** {@code $util.escapeJavaScript} answers exactly as lang3's ECMAScript escaping, which it skips for plain text. */
@SuppressWarnings("deprecation")
class UtilVariableTest {
    private final UtilVariable util = UtilVariable.INSTANCE;

    @Test
    void everyCharacterAloneAndBetweenPlainText() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String alone = String.valueOf((char) c);
            assertEquals(StringEscapeUtils.escapeEcmaScript(alone), util.escapeJavaScript(alone), "U+" + Integer.toHexString(c));
            String between = "Ada " + (char) c + " Lovelace";
            assertEquals(StringEscapeUtils.escapeEcmaScript(between), util.escapeJavaScript(between));
        }
    }

    @Test
    void randomTextAndSurrogatePairs() {
        Random random = new Random(7);
        char[] alphabet = "aZ09 ~\u007f'\"\\/\n\t\u0000\u00e9\u20ac\ud83d\ude00\ud800".toCharArray();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) text.append(alphabet[random.nextInt(alphabet.length)]);
            String value = text.toString();
            assertEquals(StringEscapeUtils.escapeEcmaScript(value), util.escapeJavaScript(value), value);
        }
    }

    @Test
    void plainTextIsAnsweredAsItIsAndValuesByTheirText() {
        String plain = "Hello, Ada Lovelace! (1815-1852) ~ <b>&amp;<b>";
        assertSame(plain, util.escapeJavaScript(plain));
        assertEquals("42", util.escapeJavaScript(42));
        assertEquals(null, util.escapeJavaScript(null));
    }
}
