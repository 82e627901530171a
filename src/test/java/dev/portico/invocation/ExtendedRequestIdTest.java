package dev.portico.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code $context.extendedRequestId}: API Gateway's shape, one per request id, the same for the same id. */
class ExtendedRequestIdTest {
    @Test
    void elevenBytesOfCanonicalBase64() {
        for (int i = 0; i < 10_000; i++) {
            String id = ContextVariables.extendedRequestId(UUID.randomUUID().toString());
            assertTrue(id.matches("[A-Za-z0-9+/]{15}="), id);
            byte[] bytes = Base64.getDecoder().decode(id);
            assertEquals(11, bytes.length, id);
            assertEquals(id, Base64.getEncoder().encodeToString(bytes), "no stray bits after the data");
        }
    }

    @Test
    void distinctIdsGiveDistinctOnesAndTheSameIdTheSame() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(ContextVariables.extendedRequestId("req-" + i)), "req-" + i);
        }
        // ids that differ in one character, or only in length, or are empty
        assertTrue(seen.add(ContextVariables.extendedRequestId("")));
        assertTrue(seen.add(ContextVariables.extendedRequestId("\u0000")));
        assertTrue(seen.add(ContextVariables.extendedRequestId("\u0000\u0000")));
        assertEquals(ContextVariables.extendedRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef"),
                ContextVariables.extendedRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef"));
    }

    @Test
    void everyBitOfTheIdMoves() {
        // one character changed flips about half of the 88 bits, wherever it is
        String base = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
        byte[] before = Base64.getDecoder().decode(ContextVariables.extendedRequestId(base));
        for (int at = 0; at < base.length(); at++) {
            char[] changed = base.toCharArray();
            changed[at] ^= 1;
            byte[] after = Base64.getDecoder().decode(ContextVariables.extendedRequestId(new String(changed)));
            int flipped = 0;
            for (int i = 0; i < 11; i++) flipped += Integer.bitCount((before[i] ^ after[i]) & 0xff);
            assertTrue(flipped > 20 && flipped < 68, "changing character " + at + " flipped " + flipped + " bits");
        }
    }
}
