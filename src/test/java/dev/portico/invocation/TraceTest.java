package dev.portico.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void hexIsWhatFormatWrites() {
        for (long value : new long[] {0, 1, 0xabcL, 1L << 47, (1L << 48) - 1, Long.MAX_VALUE, -1, Long.MIN_VALUE,
                1_764_650_000L}) {
            for (int digits : new int[] {8, 12, 16}) {
                assertEquals(String.format("%0" + digits + "x", value), Trace.hex(value, digits), value + "/" + digits);
            }
        }
    }

    @Test
    void aHeaderIsReadPartByPart() {
        Trace trace = Trace.of("Root=1-6745e1a0-0123456789abcdef01234567; Parent=53995c3f42cd8ad8 ;Sampled=1;;x;=2;Self=");
        assertEquals("1-6745e1a0-0123456789abcdef01234567", trace.root());
        assertEquals("53995c3f42cd8ad8", trace.parent());
        assertEquals("1", trace.sampled());
        Trace onlyRoot = Trace.of("Root=1-6745e1a0-0123456789abcdef01234567;");
        assertEquals("0", onlyRoot.sampled());
        assertTrue(onlyRoot.parent().matches("[0-9a-f]{16}"), onlyRoot.parent());
        Trace none = Trace.of(null);
        assertTrue(none.root().matches("1-[0-9a-f]{8}-[0-9a-f]{24}"), none.root());
        assertEquals(none.root(), Trace.of("Root=" + none.root()).root());
    }
}
