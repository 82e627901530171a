package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.Headers;
import dev.portico.gateway.Portico;
import dev.portico.integration.aws.SigningHttpClient.Call;
import dev.portico.integration.aws.SigningHttpClient.Response;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS calls on the shared Vert.x client reach the wire byte for byte as signed: a local endpoint that recomputes
 * each SigV4 signature from what it received ({@link SigV4Verifier}) accepts them, whatever the path, query,
 * headers and body, and sees no header the signature does not account for but {@code Content-Length}; a request
 * retried on a fresh connection is signed anew.
 */
class SignedOnTheWireTest {
    private static final AwsBasicCredentials TEST = AwsBasicCredentials.create("test", "test");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static SigV4Verifier verifier;
    private static VertxBackendClient vertx;
    private static SigningHttpClient client;

    @BeforeAll
    static void start() throws Exception {
        verifier = SigV4Verifier.start();
        vertx = new VertxBackendClient();
        client = new SigningHttpClient(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        verifier.close();
        vertx.close();
    }

    @BeforeEach
    void clear() {
        verifier.clear();
        verifier.answering(r -> "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static Call call(String method, String path, Map<String, List<String>> query, Headers headers,
                             byte[] body, String service) {
        return new Call(method, URI.create(verifier.endpoint()), path, query, headers.freeze(), body, service,
                "us-east-1");
    }

    private static Response send(Call call) throws Exception {
        return client.send(call, TEST, DEADLINE);
    }

    private static void assertAccepted(Response response) {
        SigV4Verifier.Received last = verifier.last();
        assertTrue(last.accepted(), last.verdict());
        assertEquals(200, response.status(), response.bodyAsText());
    }

    /**
     * Every header received is signed, but Content-Length and X-Amzn-Trace-Id (which the SDK's signer leaves
     * unsigned on purpose: a tracer may rewrite it on the way): nothing the client invents, no User-Agent.
     */
    private static void assertOnlySignedHeaders(SigV4Verifier.Received received) {
        String authorization = received.header("authorization");
        String signed = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        Set<String> unsigned = new TreeSet<>(received.headerNames());
        unsigned.removeAll(Set.of(signed.split(";")));
        unsigned.remove("authorization");
        unsigned.removeAll(Set.of("content-length", "x-amzn-trace-id"));
        assertEquals(Set.of(), unsigned, "headers on the wire that the signature does not cover");
    }

    @ParameterizedTest(name = "query value {0}")
    @ValueSource(strings = {"plain", "a b", "x+y", "ümlaut", "*star*", "tilde~dash-dot._", "a/b?c=d&e", "%41", "=",
            "semi;colon,comma", ""})
    void queryValuesAreEncodedAsSigned(String value) throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Action", List.of("SendMessage"));
        query.put("MessageBody", List.of(value));
        query.put("B key", List.of("2", "1"));
        Response response = send(call("GET", "/123456789012/queue", query, new Headers(), new byte[0], "sqs"));

        assertAccepted(response);
        assertOnlySignedHeaders(verifier.last());
    }

    @ParameterizedTest(name = "path {0}")
    @ValueSource(strings = {"/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/invocations",
            "/a%20b/c", "/", "/%C3%BC/x~y"})
    void pathsAreSentAsSigned(String path) throws Exception {
        Response response = send(call("POST", path, Map.of(), new Headers().set("Content-Type", "application/json"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "lambda"));

        assertAccepted(response);
        assertEquals(path, verifier.last().target());
    }

    @Test
    void s3PathsAreSignedOnceEncodedWithThePayloadHash() throws Exception {
        byte[] body = "object body".getBytes(StandardCharsets.UTF_8);
        Response response = send(call("PUT", "/bucket/a%20key/%C3%BC.txt", Map.of(), new Headers(), body, "s3"));

        assertAccepted(response);
        assertEquals(SigV4Verifier.sha256Hex(body), verifier.last().header("x-amz-content-sha256"));
    }

    @Test
    void headersGoOutWithTheirSignedValuesRepeatedNamesIncluded() throws Exception {
        Headers headers = new Headers().set("Content-Type", "application/x-amz-json-1.0")
                .set("X-Amz-Target", "DynamoDB_20120810.PutItem")
                .add("X-Custom", "  spaced   out  ").add("X-Custom", "second")
                .set("X-Amz-Invocation-Type", "RequestResponse");
        Response response = send(call("POST", "/", Map.of(), headers, "{}".getBytes(StandardCharsets.UTF_8), "dynamodb"));

        assertAccepted(response);
        assertOnlySignedHeaders(verifier.last());
    }

    @Test
    void aSessionTokenIsSentAndSigned() throws Exception {
        Response response = client.send(call("GET", "/", Map.of("Action", List.of("GetCallerIdentity")), new Headers(),
                new byte[0], "sts"), AwsSessionCredentials.create("test", "test", "session-token"), DEADLINE);

        assertAccepted(response);
        assertEquals("session-token", verifier.last().header("x-amz-security-token"));
    }

    @ParameterizedTest(name = "{0} with an empty body")
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void bodiesGoOutWithAFixedLengthNeverChunked(String method) throws Exception {
        Response empty = send(call(method, "/", Map.of(), new Headers(), new byte[0], "sqs"));
        assertAccepted(empty);
        assertFalse(verifier.last().chunked());

        byte[] body = new byte[200_000];
        java.util.Arrays.fill(body, (byte) 'b');
        Response large = send(call("POST", "/", Map.of(), new Headers(), body, "sqs"));
        assertAccepted(large);
        SigV4Verifier.Received received = verifier.last();
        assertFalse(received.chunked());
        assertEquals(String.valueOf(body.length), received.header("content-length"));
        assertArrayEquals(body, received.body());
    }

    @Test
    void theVerifierReadsChunkedBodiesAndRefusesWhatWasNotSigned() throws Exception {
        byte[] body = "{\"chunked\":true}".getBytes(StandardCharsets.UTF_8);
        SigV4.Signed signed = client.sign(call("POST", "/path", Map.of("q", List.of("v 1")), new Headers(), body, "sqs"),
                TEST);
        String head = head(signed, "/path?q=v%201") + "Transfer-Encoding: chunked\r\n\r\n";
        String chunked = "5\r\n" + new String(body, 0, 5, StandardCharsets.UTF_8) + "\r\n"
                + Integer.toHexString(body.length - 5) + "\r\n" + new String(body, 5, body.length - 5, StandardCharsets.UTF_8)
                + "\r\n0\r\n\r\n";
        assertEquals(200, raw(head + chunked));
        assertTrue(verifier.last().chunked());
        assertTrue(verifier.last().accepted(), verifier.last().verdict());

        // The same signature over other bytes: another body, another query, a header added or changed.
        String otherBody = "5\r\n{\"chu\r\n0\r\n\r\n";
        assertEquals(403, raw(head + otherBody));
        assertEquals(403, raw(head(signed, "/path?q=v%202") + "Transfer-Encoding: chunked\r\n\r\n" + chunked));
        assertEquals(403, raw(head(signed, "/path?q=v%201") + "X-Amz-Extra: 1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked));
        assertEquals(403, raw(head(signed, "/other?q=v%201") + "Transfer-Encoding: chunked\r\n\r\n" + chunked));
    }

    @Test
    void aRequestRetriedOnAFreshConnectionIsSignedAnew() throws Exception {
        AtomicLong ticks = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plusSeconds(ticks.incrementAndGet());
            }
        };
        try (VertxBackendClient own = new VertxBackendClient()) {
            SigningHttpClient retrying = new SigningHttpClient(own, ticking);
            verifier.refuseReplays();
            Call invoke = call("POST", "/2015-03-31/functions/fn/invocations", Map.of(), new Headers(),
                    "{}".getBytes(StandardCharsets.UTF_8), "lambda");
            assertEquals(200, retrying.send(invoke, TEST, DEADLINE).status());
            verifier.dropNextOnReusedConnection(1);

            Response retried = retrying.send(invoke, TEST, DEADLINE);

            assertEquals(200, retried.status(), retried.bodyAsText());
            List<SigV4Verifier.Received> all = verifier.received();
            assertEquals(List.of("", "dropped", ""), all.stream().map(SigV4Verifier.Received::verdict).toList());
            assertNotEquals(all.get(1).header("authorization"), all.get(2).header("authorization"));
            assertTrue(all.get(2).header("x-amz-date").compareTo(all.get(1).header("x-amz-date")) > 0);
        }
    }

    @Test
    void anAwsProxyRouteInvokesWithASignatureTheEndpointAccepts() throws Exception {
        verifier.answering(r -> "{\"statusCode\":201,\"headers\":{\"X-From\":\"fn\"},\"body\":\"made\"}"
                .getBytes(StandardCharsets.UTF_8));
        String routes = """
                openapi: 3.0.1
                info: {title: signed, version: '1'}
                paths:
                  /{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%sfn/invocations'}
                """.formatted(AwsProxyIntegrationTest.FUNCTIONS);
        Portico portico = Portico.create(RouteTables.loader().load("signed", routes.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("lambda", verifier.endpoint())));
        String event = """
                {"resource": "/{proxy+}", "path": "/orders/a b", "httpMethod": "POST",
                 "headers": {"Content-Type": "application/json"}, "multiValueHeaders": {"Content-Type": ["application/json"]},
                 "queryStringParameters": {"q": "1 2"}, "multiValueQueryStringParameters": {"q": ["1 2"]},
                 "pathParameters": {"proxy": "orders/a b"}, "stageVariables": null,
                 "requestContext": {"stage": "prod", "requestId": "r1", "httpMethod": "POST", "path": "/prod/orders/a b",
                 "resourcePath": "/{proxy+}", "identity": {"sourceIp": "127.0.0.1"}},
                 "body": "{\\"n\\":1}", "isBase64Encoded": false}
                """;

        String answer = new String(portico.handle(event.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertTrue(answer.contains("\"statusCode\":201") && answer.contains("made"), answer);
        SigV4Verifier.Received invoked = verifier.last();
        assertTrue(invoked.accepted(), invoked.verdict());
        assertEquals("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/invocations",
                invoked.target());
        assertFalse(invoked.chunked());
        assertOnlySignedHeaders(invoked);
        assertTrue(new String(invoked.body(), StandardCharsets.UTF_8).contains("\"path\":\"/orders/a b\""));
    }

    @Test
    void stsAssumeRoleGoesOutOnTheSameClientAndItsCredentialsSignTheCall() throws Exception {
        verifier.accept("ASIAROLE", "role-secret");
        verifier.answering(r -> r.target().startsWith("/123456789012/") ? "{}".getBytes(StandardCharsets.UTF_8) : """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                <Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
                <SessionToken>role-token</SessionToken><Expiration>%s</Expiration></Credentials>
                <AssumedRoleUser><AssumedRoleId>AROA:portico</AssumedRoleId>
                <Arn>arn:aws:sts::123456789012:assumed-role/apigateway-sqs/portico</Arn></AssumedRoleUser>
                </AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>
                """.formatted(Instant.now().plus(Duration.ofHours(1))).getBytes(StandardCharsets.UTF_8));
        AwsEndpoints endpoints = new AwsEndpoints(Map.of("sts", verifier.endpoint(), "sqs", verifier.endpoint()));
        CredentialsCache credentials = new CredentialsCache("us-east-1", endpoints, null, Map.of("AWS_ACCESS_KEY_ID",
                "test", "AWS_SECRET_ACCESS_KEY", "test")::get, new VertxSdkHttpClient(vertx));

        var role = credentials.resolve("sqs", "arn:aws:iam::123456789012:role/apigateway-sqs");

        SigV4Verifier.Received assumeRole = verifier.last();
        assertTrue(assumeRole.accepted(), assumeRole.verdict());
        assertTrue(new String(assumeRole.body(), StandardCharsets.UTF_8).contains("Action=AssumeRole"));
        assertEquals("ASIAROLE", role.accessKeyId());
        Response sent = client.send(call("POST", "/123456789012/queue", Map.of("Action", List.of("SendMessage")),
                new Headers(), new byte[0], "sqs"), role, DEADLINE);
        assertAccepted(sent);
        assertEquals("role-token", verifier.last().header("x-amz-security-token"));
    }

    private static String head(SigV4.Signed signed, String target) {
        StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\n");
        signed.headers().forEach((name, values) -> values.forEach(value -> head.append(name).append(": ").append(value)
                .append("\r\n")));
        return head.toString();
    }

    /** Sends {@code request} as it is on a connection of its own; the answer's status. */
    private static int raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", verifier.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                status.append((char) b);
            }
            return Integer.parseInt(status.toString().split(" ")[1]);
        }
    }
}
