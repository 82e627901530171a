package dev.portico.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorded on AWS: which client headers the method request sees, and how restricted response names come out. */
class RestrictedHeadersTest {

    @Test
    void hopByHopAndServerHeadersNeverReachTheMethodRequest() {
        Headers client = new Headers().set("Connection", "close").set("Expect", "100-continue").set("TE", "deflate")
                .set("Authorization", "Bearer x").set("Accept", "application/json").set("Via", "p.example.net");
        IncomingRequest request = MappingFixtures.request("GET", "/full", Map.of(), client, null);

        Headers seen = RestrictedHeaders.methodRequest(request).headers();

        assertNull(seen.last("Connection"));
        assertNull(seen.last("Expect"));
        assertNull(seen.last("TE"));
        assertEquals("Bearer x", seen.last("Authorization"));
        assertEquals("application/json", seen.last("Accept"));
        assertEquals("p.example.net", seen.last("Via"));
    }

    @Test
    void aRequestWithNothingToHideIsKeptAsItIs() {
        IncomingRequest request = MappingFixtures.request("GET", "/", Map.of(), new Headers().set("Accept", "*/*"), null);

        assertSame(request, RestrictedHeaders.methodRequest(request));
    }

    @Test
    void restrictedResponseParametersAreRenamedAndTransferEncodingDropped() {
        Headers headers = new Headers();
        RestrictedHeaders.setResponseParameter(headers, "Authorization", "a");
        RestrictedHeaders.setResponseParameter(headers, "Content-Length", "b");
        RestrictedHeaders.setResponseParameter(headers, "Transfer-Encoding", "chunked");
        RestrictedHeaders.setResponseParameter(headers, "Content-Encoding", "gzip");
        RestrictedHeaders.setResponseParameter(headers, "TE", "deflate");

        assertEquals("a", headers.last("x-amzn-Remapped-Authorization"));
        assertEquals("b", headers.last("x-amzn-Remapped-Content-Length"));
        assertFalse(headers.contains("Transfer-Encoding"));
        assertFalse(headers.contains("Authorization"));
        assertEquals("gzip", headers.last("Content-Encoding"));
        assertEquals("deflate", headers.last("TE"));
    }
}
