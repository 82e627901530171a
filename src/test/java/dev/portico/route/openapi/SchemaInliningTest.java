package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.route.InvalidRouteTableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models' {@code $ref}s inlined for request validation, within one budget of nodes per document: a document whose
 * references multiply is refused before anything is copied, and the count that decides it is exactly what the copy
 * takes, whatever the shape (shared, recursive, mutually recursive, missing references).
 */
class SchemaInliningTest {

    /**
     * The table the packaged hardening tests probe the function with: each schema names the next twice,
     * {@code levels} deep, 7 * 2^levels - 4 nodes once inlined from a reference to the first.
     */
    private static String bomb(int levels) {
        return RefBomb.table(levels);
    }

    private static String document(String schemas) {
        return "{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}, "
                + "\"components\": {\"schemas\": {" + schemas + "}}}";
    }

    private static OpenApiDocument parse(String text, long budget) {
        return OpenApiDocument.parse("test", text.getBytes(StandardCharsets.UTF_8), budget);
    }

    private static JsonNode top(OpenApiDocument document, String schema) {
        return document.root().path("components").path("schemas").path(schema);
    }

    @Test
    void aReferenceBombIsRefusedBeforeAnythingIsCopied() {
        OpenApiDocument document = parse(bomb(40), OpenApiDocument.MAX_INLINED_NODES);
        assertNull(document.inline("POST /ok", top(document, "S0")));
        assertEquals(OpenApiDocument.MAX_INLINED_NODES, document.inlineBudgetLeft(), "nothing was copied");
        InvalidRouteTableException refused = assertThrows(InvalidRouteTableException.class, document::failOnProblems);
        assertTrue(refused.getMessage().contains("POST /ok: $ref expansion passes"), refused.getMessage());
    }

    @Test
    void theBombsCountIsWhatItsCopyTakes() {
        long nodes = 7L * (1 << 6) - 4 - 1; // S0 itself is the top here, not a reference to it
        assertNotNull(parse(bomb(6), nodes).inline("r", top(parse(bomb(6), nodes), "S0")));
        OpenApiDocument exact = parse(bomb(6), nodes);
        assertNotNull(exact.inline("r", top(exact, "S0")));
        assertEquals(0, exact.inlineBudgetLeft());
        OpenApiDocument short1 = parse(bomb(6), nodes - 1);
        assertNull(short1.inline("r", top(short1, "S0")));
        assertEquals(nodes - 1, short1.inlineBudgetLeft());
    }

    @Test
    void everyShapeIsCountedAsItIsCopied() {
        List<String> shapes = List.of(
                // shared, acyclic
                "\"Top\": {\"properties\": {\"a\": {\"$ref\": \"#/components/schemas/M\"}, \"b\": {\"$ref\": "
                        + "\"#/components/schemas/M\"}, \"c\": {\"items\": [{\"$ref\": \"#/components/schemas/M\"}]}}}, "
                        + "\"M\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}}}",
                // recursive: a list node naming itself
                "\"Top\": {\"properties\": {\"value\": {\"type\": \"string\"}, \"next\": {\"$ref\": "
                        + "\"#/components/schemas/Top\"}}}",
                // mutually recursive, entered through a shared acyclic part
                "\"Top\": {\"properties\": {\"a\": {\"$ref\": \"#/components/schemas/A\"}, \"s\": {\"$ref\": "
                        + "\"#/components/schemas/S\"}, \"t\": {\"$ref\": \"#/components/schemas/S\"}}}, "
                        + "\"A\": {\"properties\": {\"b\": {\"$ref\": \"#/components/schemas/B\"}, \"s\": {\"$ref\": "
                        + "\"#/components/schemas/S\"}}}, "
                        + "\"B\": {\"properties\": {\"a\": {\"$ref\": \"#/components/schemas/A\"}, \"t\": {\"$ref\": "
                        + "\"#/components/schemas/Top\"}}}, "
                        + "\"S\": {\"enum\": [\"x\", \"y\"]}",
                // a reference to a reference, and one to nothing
                "\"Top\": {\"properties\": {\"a\": {\"$ref\": \"#/components/schemas/R\"}, \"m\": {\"$ref\": "
                        + "\"#/components/schemas/Missing\"}}}, \"R\": {\"$ref\": \"#/components/schemas/S\"}, "
                        + "\"S\": {\"type\": \"integer\"}");
        for (String shape : shapes) {
            String text = document(shape);
            OpenApiDocument free = parse(text, OpenApiDocument.MAX_INLINED_NODES);
            JsonNode inlined = free.inline("r", top(free, "Top"));
            assertNotNull(inlined, shape);
            long used = OpenApiDocument.MAX_INLINED_NODES - free.inlineBudgetLeft();

            OpenApiDocument exact = parse(text, used);
            assertEquals(inlined, exact.inline("r", top(exact, "Top")), "the same copy within its exact budget: " + shape);
            OpenApiDocument under = parse(text, used - 1);
            assertNull(under.inline("r", top(under, "Top")), shape);
            assertEquals(used - 1, under.inlineBudgetLeft(), "refused before copying: " + shape);
        }
    }

    @Test
    void theBudgetIsTheDocumentsNotEachRoutes() {
        String text = bomb(4);
        long one = 7L * (1 << 4) - 5;
        OpenApiDocument document = parse(text, 2 * one);
        assertNotNull(document.inline("GET /a", top(document, "S0")));
        assertNotNull(document.inline("GET /b", top(document, "S0")));
        assertNull(document.inline("GET /c", top(document, "S0")), "a third copy passes the document's budget");
    }
}
