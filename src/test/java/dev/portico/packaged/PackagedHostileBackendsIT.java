package dev.portico.packaged;

import static dev.portico.packaged.HostileProbes.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.packaged.HostileServer.Behaviour;
import dev.portico.tools.callers.Answer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile backends through function.zip: raw-socket HTTP and HTTPS servers that hang, trickle, send 2 GB, cut
 * their body short, answer garbage, redirect, play Content-Length/Transfer-Encoding tricks or fail TLS, behind
 * HTTP_PROXY and HTTP routes, and an AWS service (the AWS integration's SQS endpoint) that answers huge, malformed
 * or not at all. Every case gets {@link HostileProbes}' checks. The integrations have a 1 s
 * {@code timeoutInMillis} (one route keeps API Gateway's 29 s to show the function's own deadline cuts it short),
 * so the suite waits about a second per hanging case.
 */
class PackagedHostileBackendsIT {
    private static final int TIMEOUT_MILLIS = 1_000;
    /** TLS routes wait longer: a cold JVM's first handshake alone can take a second on a busy machine. */
    private static final int TLS_TIMEOUT_MILLIS = 3_000;
    /** Behaviours also served as Lambda's Invoke API, for AWS_PROXY routes. */
    private static final List<String> LAMBDA_CASES = List.of("lambdafine", "hang", "slowbody", "huge", "hugechunked",
            "hugeunframed", "truncated", "garbage", "duplicatelength", "badchunk");
    private static final String SMUGGLED = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled";

    @TempDir
    static Path dir;
    private static HostileServer backend;
    private static HostileServer tls;
    private static HostileServer stall;
    private static HostileProbes probes;

    private static Map<String, Behaviour> behaviours() {
        Map<String, Behaviour> all = new LinkedHashMap<>();
        all.put("fine", HostileServer.answer(200, "{\"fine\": true}", "Content-Type: application/json"));
        all.put("lambdafine", HostileServer.answer(200, "{\"statusCode\": 200, \"body\": \"fine\"}"));
        all.put("hang", HostileServer.hang());
        all.put("slowhead", HostileServer.trickle("HTTP/1.1 200 OK\r\nX-Slow: " + "z".repeat(1_000), 100));
        all.put("slowbody", HostileServer.trickle("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "z".repeat(1_000), 100));
        all.put("huge", HostileServer.endless("HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n"));
        all.put("hugechunked", HostileServer.endless("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        all.put("hugeunframed", HostileServer.endless("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"));
        all.put("truncated", HostileServer.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
        all.put("garbage", HostileServer.rawThenClose("SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001\u0002\r\n\r\n"));
        all.put("badstatus", HostileServer.rawThenClose("HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nok"));
        all.put("nostatus", HostileServer.rawThenClose("\r\n\r\n"));
        all.put("redirect", HostileServer.answer(302, "", "Location: " + "/target/admin"));
        all.put("target", HostileServer.answer(200, "{\"followed\": true}"));
        all.put("clte", (socket, server) -> server.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + SMUGGLED));
        all.put("duplicatelength", (socket, server) -> server.send(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello" + SMUGGLED));
        all.put("badchunk", HostileServer.rawThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"));
        all.put("hugechunk", HostileServer.rawThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "FFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"));
        all.put("negativelength", HostileServer.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello"));
        // The AWS integration's service (query protocol, like SQS), answering its actions.
        all.put("MalformedXml", HostileServer.answer(200, "<SendMessageResponse><MessageId>1</Mess", "Content-Type: text/xml"));
        all.put("MalformedJson", HostileServer.answer(400, "{\"__type\": \"Throttling\", \"message\": ", "Content-Type: application/x-amz-json-1.0"));
        all.put("Huge", HostileServer.endless("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 2147483648\r\n\r\n"));
        all.put("HugeChunked", HostileServer.endless("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"));
        all.put("Truncated", HostileServer.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n<Send"));
        all.put("Garbage", HostileServer.rawThenClose("SSH-2.0-OpenSSH_9.6\r\n\r\n"));
        all.put("Slow", HostileServer.hang());
        all.put("Trickle", HostileServer.trickle("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n" + "<".repeat(500), 100));
        return all;
    }

    @BeforeAll
    static void start() {
        backend = HostileServer.http(behaviours());
        tls = HostileServer.tls(dir, Map.of("fine", HostileServer.answer(200, "{\"secure\": true}")));
        stall = HostileServer.raw(socket -> Thread.sleep(HostileServer.HANG_MILLIS)); // never a ServerHello
        StringBuilder table = new StringBuilder();
        for (String name : behaviours().keySet()) {
            table.append(route("/" + name, "http_proxy", backend.url() + "/" + name, TIMEOUT_MILLIS, ""));
            table.append(route("/http/" + name, "http", backend.url() + "/" + name, TIMEOUT_MILLIS,
                    "responses: {default: {statusCode: \"200\"}}"));
            table.append(route("/aws/" + name, "aws", "arn:aws:apigateway:us-east-1:sqs:action/" + name,
                    TIMEOUT_MILLIS, "responses: {default: {statusCode: \"200\"}}"));
        }
        for (String name : LAMBDA_CASES) {
            table.append("""
                      /lambda/%1$s:
                        get:
                          x-amazon-apigateway-integration:
                            type: aws_proxy
                            httpMethod: POST
                            uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:%1$s/invocations
                            timeoutInMillis: %2$d
                    """.formatted(name, TIMEOUT_MILLIS));
        }
        table.append(route("/deadline", "http_proxy", backend.url() + "/hang", 29_000, ""));
        table.append(route("/tls/untrusted", "http_proxy", tls.url() + "/fine", TLS_TIMEOUT_MILLIS, ""));
        table.append(route("/tls/insecure", "http_proxy", tls.url() + "/fine", TLS_TIMEOUT_MILLIS,
                "tlsConfig: {insecureSkipVerification: true}"));
        table.append(route("/tls/stall", "http_proxy", "https://" + stall.address() + "/fine", TLS_TIMEOUT_MILLIS,
                "tlsConfig: {insecureSkipVerification: true}"));
        Path routes = HostileProbes.write(dir.resolve("routes.yaml"), HostileProbes.table("hostile-backends", table.toString()));
        probes = HostileProbes.start(Map.of("PORTICO_ROUTES", routes.toString(),
                        "portico.aws.endpoint-override.sqs", backend.url(),
                        "portico.aws.endpoint-override.lambda", backend.url()),
                backend.address(), tls.address(), stall.address(), dir.toString());
    }

    private static String route(String path, String type, String uri, int timeout, String extra) {
        return """
                  %s:
                    get:
                      x-amazon-apigateway-integration:
                        type: %s
                        httpMethod: GET
                        uri: "%s"
                        timeoutInMillis: %d
                        %s
                """.formatted(path, type, uri, timeout, extra);
    }

    @AfterAll
    static void stop() {
        try {
            if (probes != null) probes.close();
        } finally {
            List.of(backend, tls, stall).forEach(server -> {
                if (server != null) server.close();
            });
        }
    }

    @Test
    void theBackendsAnswerWhenTheyBehave() {
        Answer fine = probes.probe("GET", "/fine");
        assertEquals(200, fine.status(), fine.bodyText());
        assertEquals("{\"fine\": true}", fine.bodyText());
        Answer secure = probes.probe("GET", "/tls/insecure");
        assertEquals(200, secure.status(), secure.bodyText());
        assertEquals("{\"secure\": true}", secure.bodyText());
    }

    @Test
    void aHangingBackendIs504AtTheIntegrationTimeout() {
        probes.expectError(504, HostileProbes.TIMED_OUT, "/hang", "/http/hang");
    }

    /** With API Gateway's 29 s integration timeout, the function's own 8 s deadline comes first: 504 before it. */
    @Test
    void aHangingBackendIs504BeforeTheFunctionsDeadline() {
        probes.expectError(504, HostileProbes.TIMED_OUT, "/deadline");
    }

    /** Bytes that keep coming slowly do not stretch the integration timeout: it bounds the whole exchange. */
    @Test
    void aSlowlorisBackendIs504AtTheIntegrationTimeout() {
        probes.expectError(504, HostileProbes.TIMED_OUT, "/slowhead", "/slowbody", "/http/slowbody");
    }

    /** 2 GB, declared, chunked or until the connection closes: read no further than API Gateway's 10 MB, then 502. */
    @Test
    void aTwoGigabyteAnswerIsCutAtTenMegabytes() {
        for (String path : List.of("/huge", "/hugechunked", "/hugeunframed", "/http/hugechunked")) {
            long before = backend.bytesSent();
            assertGatewayError(probes.probe("GET", path), 502, HostileProbes.INTERNAL_ERROR, path);
            long sent = backend.bytesSent() - before;
            assertTrue(sent < 200L * 1024 * 1024, path + ": the backend could send " + sent / (1024 * 1024)
                    + " MB before the function hung up");
        }
    }

    @Test
    void aTruncatedBodyIs502() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/truncated", "/http/truncated");
    }

    @Test
    void invalidHttpIs502() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/garbage", "/badstatus", "/nostatus", "/http/garbage");
    }

    /**
     * API Gateway does not follow an integration's redirects: HTTP_PROXY relays the 3xx and its Location to the
     * client, as the backend sent them, and the redirect's target is never requested.
     */
    @Test
    void aRedirectIsRelayedNotFollowed() {
        Answer answer = probes.probe("GET", "/redirect");
        assertEquals(302, answer.status(), answer.bodyText());
        assertEquals("/target/admin", answer.headers().last("Location"), answer.raw().toString());
        assertEquals(0, backend.requests("target"), "the function followed the redirect");
    }

    /**
     * Framing an answer two ways is an attempt at response splitting, which RFC 9112 (section 6.1) says "ought to
     * be handled as an error": Content-Length beside Transfer-Encoding, two Content-Lengths, a bad or overflowing
     * chunk size, a negative length are all 502, and the bytes after the first framing never become the answer to
     * the next request.
     */
    @Test
    void contentLengthAndTransferEncodingTricksNeitherConfuseNorSmuggle() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR,
                "/clte", "/duplicatelength", "/badchunk", "/hugechunk", "/negativelength");
        for (int i = 0; i < 3; i++) {
            Answer fine = probes.probe("GET", "/fine");
            assertEquals("{\"fine\": true}", fine.bodyText(), "an answer left on a connection was taken for the next");
        }
        assertFalse(probes.logText().contains("smuggled"));
    }

    /** A certificate no trust store knows is refused (502); a handshake that never completes is 504. */
    @Test
    void badTlsIsRefusedOrTimedOut() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/tls/untrusted");
        probes.expectError(504, HostileProbes.TIMED_OUT, "/tls/stall");
    }

    /**
     * The AWS integration's service answering huge, cut short, not HTTP, malformed, slowly or never. A service that
     * was reached but gave no usable answer is a failed integration (502, as for HTTP backends); only one that
     * cannot be connected to at all is 500.
     */
    @Test
    void hostileAwsServiceAnswersAreBounded() {
        probes.expectError(502, HostileProbes.INTERNAL_ERROR, "/aws/Truncated", "/aws/Garbage");
        for (String path : List.of("/aws/Huge", "/aws/HugeChunked")) {
            long before = backend.bytesSent();
            assertGatewayError(probes.probe("GET", path), 502, HostileProbes.INTERNAL_ERROR, path);
            assertTrue(backend.bytesSent() - before < 200L * 1024 * 1024, path + ": read far past 10 MB");
        }
        probes.expectError(504, HostileProbes.TIMED_OUT, "/aws/Slow", "/aws/Trickle");
        // Malformed bodies are the service's business: relayed through the integration response, never parsed.
        Answer xml = probes.probe("GET", "/aws/MalformedXml");
        assertEquals(200, xml.status(), xml.bodyText());
        assertEquals("<SendMessageResponse><MessageId>1</Mess", xml.bodyText());
        Answer json = probes.probe("GET", "/aws/MalformedJson");
        assertEquals(200, json.status(), json.bodyText());
    }

    /**
     * Lambda's Invoke API itself misbehaving at the byte level (the AWS_PROXY client's side of the exchange):
     * hanging or trickling is 504, 2 GB, a cut or broken answer 502; a sound one is relayed.
     */
    @Test
    void aHostileInvokeApiIsBounded() {
        for (String name : LAMBDA_CASES) {
            String path = "/lambda/" + name;
            long before = backend.bytesSent();
            Answer answer = probes.probe("GET", path);
            switch (name) {
                case "lambdafine" -> assertEquals(200, answer.status(), answer.bodyText());
                case "hang", "slowbody" -> assertGatewayError(answer, 504, HostileProbes.TIMED_OUT, path);
                default -> assertGatewayError(answer, 502, HostileProbes.INTERNAL_ERROR, path);
            }
            assertTrue(backend.bytesSent() - before < 200L * 1024 * 1024, path + ": read far past 10 MB");
        }
    }
}
