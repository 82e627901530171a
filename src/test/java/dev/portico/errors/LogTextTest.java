package dev.portico.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void endpointAddressesBecomePlaceholdersAndThePathStays() {
        assertEquals("GET http://[endpoint]/base/orders: no complete answer within 1000 ms",
                LogText.of("GET http://127.0.0.1:37205/base/orders: no complete answer within 1000 ms"));
        assertEquals("GET https://[endpoint]/x", LogText.of("GET https://internal.example.net:8443/x"));
        assertEquals("connect to [address] failed; [address] too", LogText.of("connect to 10.0.3.7:5432 failed; [::1]:80 too"));
    }

    @Test
    void classNamesAreDroppedWithTheirColon() {
        assertEquals("GET http://[endpoint]/clte: Content-Length are not allowed",
                LogText.of("GET http://10.1.1.1/clte: io.netty.handler.codec.http.ContentLengthNotAllowedException: "
                        + "Content-Length are not allowed"));
        assertEquals("sqs.us-east-1.amazonaws.com answered", LogText.of("sqs.us-east-1.amazonaws.com answered"));
        assertEquals("method.response.header.X-Echo: method.request.querystring.Q is missing",
                LogText.of("method.response.header.X-Echo: method.request.querystring.Q is missing"));
    }

    @Test
    void anExceptionIsToldByItsMessagesAlone() {
        IOException cause = new IOException("java.net.ConnectException: refused by 192.0.2.1:443");
        assertEquals("reading failed; refused by [address]", LogText.of(new IllegalStateException("reading failed", cause)));
        assertEquals("an unexpected failure without a message", LogText.of(new NullPointerException()));
    }
}
