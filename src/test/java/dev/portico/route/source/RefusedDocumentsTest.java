package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefusedDocumentsTest {
    private static final byte[] GOOD = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
              "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"}}}}}}
            """.getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD = "{{{ not a table".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameRefusedDocumentIsNotParsedAgainButAnyOtherIs() {
        AtomicInteger parses = new AtomicInteger();
        RouteTableParser parser = RefusedDocuments.remembering((source, content) -> {
            parses.incrementAndGet();
            return RouteTables.loader().load(source, content);
        });
        InvalidRouteTableException first = assertThrows(InvalidRouteTableException.class, () -> parser.parse("f", BAD));
        assertSame(first, assertThrows(InvalidRouteTableException.class, () -> parser.parse("f", BAD.clone())));
        assertEquals(1, parses.get());

        assertEquals(1, parser.parse("f", GOOD).routes().size());
        assertThrows(InvalidRouteTableException.class, () -> parser.parse("f", BAD));
        assertEquals(3, parses.get());
    }

    @Test
    void aCheckedDocumentReachesTheParsersCheckedParse() {
        // The bundled table's JSON is parsed as checked, its templates unparsed: the wrapper must not turn that
        // into a full parse (it did, and every bundled start parsed every template).
        byte[] badTemplate = new String(GOOD, StandardCharsets.UTF_8).replace("{\\\"statusCode\\\": 200}", "#foreach(")
                .getBytes(StandardCharsets.UTF_8);
        var loader = RouteTables.loader();
        RouteTableParser parser = RefusedDocuments.remembering(RouteTableParser.of(loader::load,
                loader.withTemplatesChecked()::load));
        assertThrows(InvalidRouteTableException.class, () -> parser.parse("f", badTemplate));
        assertEquals(1, parser.parseChecked("f", badTemplate).routes().size());
        assertThrows(InvalidRouteTableException.class, () -> parser.parse("f", badTemplate));
    }
}
