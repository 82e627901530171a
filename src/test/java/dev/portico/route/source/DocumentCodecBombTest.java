package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A stored version that inflates far past what it declares is refused while inflating. */
class DocumentCodecBombTest {
    @Test
    void aGzipBombIsRefusedAfterItsDeclaredSize() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                gzip.write(zeros);
            }
        }
        StoredVersion version = new StoredVersion(7, 1, DocumentCodec.GZIP, "0".repeat(64), 12, 1, "bomb", "now");
        RouteStoreException e = assertThrows(RouteStoreException.class,
                () -> DocumentCodec.decode(version, List.of(bomb.toByteArray())));
        assertTrue(e.getMessage().contains("inflates past its declared 12 bytes"), e.getMessage());

        byte[] document = "openapi: 3.0.1".getBytes(StandardCharsets.UTF_8);
        DocumentCodec.Encoded good = DocumentCodec.encode(document, true);
        StoredVersion stored = new StoredVersion(8, good.chunks().size(), good.encoding(), good.sha256(), good.size(), 0,
                "good", "now");
        assertArrayEquals(document, DocumentCodec.decode(stored, good.chunks()));
    }
}
