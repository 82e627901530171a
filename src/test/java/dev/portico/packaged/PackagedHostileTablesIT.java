package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.Dynalite;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.cli.DynamoDbCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile route tables swapped in live, and a failing DynamoDB, through function.zip. A file source refreshed on
 * every request gets tables that do not load (not YAML, a template that does not compile, an integration without a
 * usable URI, a {@code $ref} bomb): the last good table keeps serving and the log names the route at fault. A
 * DynamoDB source behind a connection that hangs, answers errors or forwards to dynalite as told: at cold start
 * it hangs, the function still finishes init within Lambda's 10 s and answers 500, then serves once DynamoDB
 * answers; errors and hangs during a refresh keep the last good table; a stored version that does not load too.
 * Every answer gets {@link HostileProbes}' checks.
 */
class PackagedHostileTablesIT {
    /** Lambda's limit for the init phase: a function that takes longer is restarted, and never serves. */
    private static final Duration LAMBDA_INIT_LIMIT = Duration.ofSeconds(10);
    private static final String DYNAMO_TABLE = "hostile-routes";

    @TempDir
    Path dir;
    private final AtomicInteger edits = new AtomicInteger();

    static String table(String version, String extraRoutes) {
        return HostileProbes.table("hostile-tables", """
                  /version:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses: {default: {statusCode: "200", responseTemplates: {application/json: '%s'}}}
                """.formatted(version) + extraRoutes);
    }

    private static final String BAD_TEMPLATE = """
              /bad-template:
                get:
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '#foreach($i in'}
                    responses: {default: {statusCode: "200"}}
            """;
    private static final String BAD_URI = """
              /bad-uri:
                get:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: "ftp://[nonsense"
            """;

    private void replace(Path file, String content) throws IOException {
        Files.writeString(file, content);
        // A new modification time for every edit, however fast they come: the source's version is time and size.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(edits.incrementAndGet())));
    }

    private static String version(HostileProbes probes) {
        Answer answer = probes.probe("GET", "/version");
        assertEquals(200, answer.status(), answer.bodyText());
        return answer.bodyText();
    }

    @Test
    void aBadTableSwappedIntoTheFileKeepsTheLastGoodOneServing() throws IOException {
        Path file = HostileProbes.write(dir.resolve("live.yaml"), table("v1", ""));
        // Each refusal costs the request that refreshes into it one load of the bad version (once per version,
        // RefusedDocuments); a $ref bomb is refused by counting, without copying (SchemaInliningTest). The function
        // gets 20 s per request all the same, for a busy machine.
        try (HostileProbes probes = HostileProbes.start(Duration.ofSeconds(20), Map.of("PORTICO_ROUTES", file.toString(),
                "portico.routes.refresh-interval", "0s"), dir.toString())) {
            assertEquals("v1", version(probes));
            Map<String, String> bad = Map.of(
                    "{{{ not: [yaml", "live.yaml",
                    table("v2", BAD_TEMPLATE), "GET /bad-template",
                    table("v2", BAD_URI), "GET /bad-uri",
                    PackagedHardeningIT.refBomb(40), "$ref expansion");
            for (Map.Entry<String, String> swap : bad.entrySet()) {
                int logged = probes.logText().length();
                replace(file, swap.getKey());
                assertEquals("v1", version(probes), "after a table naming " + swap.getValue());
                String log = probes.logText().substring(logged);
                assertTrue(log.contains("still serving version") && log.contains(swap.getValue()),
                        "the log must say the last good table serves, and name " + swap.getValue() + ":\n" + log);
            }
            replace(file, table("v3", ""));
            assertEquals("v3", version(probes));
        }
    }

    @Test
    void aFailingDynamoDbDelaysNeitherInitNorAnswersAndTheLastGoodTableServes() throws Exception {
        try (Dynalite dynamo = Dynalite.start(); SwitchedLink link = new SwitchedLink(dynamo.endpoint())) {
            assertEquals(0, dynamo("create-table", dynamo));
            assertEquals(0, dynamo("import", dynamo, Files.writeString(dir.resolve("v1.yaml"), table("v1", "")).toString()));
            link.mode(SwitchedLink.Mode.HANG);
            long started = System.nanoTime();
            try (HostileProbes probes = HostileProbes.start(Map.of("portico.routes.source", "dynamodb",
                    "portico.routes.dynamodb.table", DYNAMO_TABLE, "portico.routes.dynamodb.api-id", "shop",
                    "portico.aws.endpoint-override.dynamodb", link.url(), "portico.routes.refresh-interval", "1s"),
                    dir.toString(), link.address(), dynamo.endpoint().substring("http://".length()))) {
                Answer first = probes.answer("GET", "/ok");
                Duration init = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(500, first.status(), first.bodyText());
                assertTrue(init.compareTo(LAMBDA_INIT_LIMIT) < 0, "init and the first answer took " + init);

                link.mode(SwitchedLink.Mode.FORWARD);
                assertEquals(200, eventually(probes, "/ok").status(), "served once DynamoDB answers");
                assertEquals("v1", version(probes));

                for (SwitchedLink.Mode failing : new SwitchedLink.Mode[] {SwitchedLink.Mode.ERROR, SwitchedLink.Mode.HANG}) {
                    link.mode(failing);
                    Thread.sleep(1_100); // past the refresh interval: the next request refreshes
                    assertEquals("v1", version(probes), "DynamoDB " + failing + " during a refresh");
                }
                link.mode(SwitchedLink.Mode.FORWARD);
                assertEquals(0, dynamo("import", dynamo, Files.writeString(dir.resolve("v2.yaml"), table("v2", "")).toString()));
                Thread.sleep(1_100);
                assertEquals("v2", version(probes));

                // A version some other writer stored without the import's check: refused on refresh, v2 serves.
                int logged = probes.logText().length();
                assertEquals(0, unchecked("import", dynamo, Files.writeString(dir.resolve("v3.yaml"),
                        table("v3", BAD_TEMPLATE)).toString()));
                Thread.sleep(1_100);
                assertEquals("v2", version(probes));
                String log = probes.logText().substring(logged);
                assertTrue(log.contains("still serving version") && log.contains("GET /bad-template"), log);
            }
        }
    }

    /** Asks until the function serves (the source retries each second), for at most 10 s. */
    private static Answer eventually(HostileProbes probes, String path) throws InterruptedException {
        Answer answer = null;
        for (int i = 0; i < 20; i++) {
            answer = probes.answer("GET", path);
            if (answer.status() == 200) {
                return answer;
            }
            Thread.sleep(500);
        }
        return answer;
    }

    private static int dynamo(String command, Dynalite dynamo, String... args) {
        return DynamoDbCommand.run(dynamoArgs(command, dynamo, args), quiet(), quiet(), RouteTables.loader()::load);
    }

    /** The import command with a parser that lets anything through, as a writer other than Portico's tools would. */
    private static int unchecked(String command, Dynalite dynamo, String... args) {
        byte[] good = table("any", "").getBytes(StandardCharsets.UTF_8);
        return DynamoDbCommand.run(dynamoArgs(command, dynamo, args), quiet(), quiet(),
                (source, content) -> RouteTables.loader().load(source, good));
    }

    private static String[] dynamoArgs(String command, Dynalite dynamo, String... args) {
        String[] all = new String[1 + args.length + 8];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--table", DYNAMO_TABLE, "--api", "shop", "--region", "us-east-1",
                "--endpoint-url", dynamo.endpoint()}, 0, all, 1 + args.length, 8);
        return all;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * A TCP link to DynamoDB that forwards, hangs (accepts and says nothing) or answers 500 with a body cut short,
     * as told; switching closes every open connection, so that a pooled connection does not carry on forwarding.
     */
    static final class SwitchedLink implements AutoCloseable {
        enum Mode { FORWARD, HANG, ERROR }

        private final String target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile Mode mode = Mode.FORWARD;
        private final HostileServer server;

        SwitchedLink(String targetUrl) {
            this.target = targetUrl.substring("http://".length());
            this.server = HostileServer.raw(this::serve);
        }

        void mode(Mode next) {
            mode = next;
            open.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closed already
                }
            });
        }

        private void serve(Socket client) throws IOException, InterruptedException {
            open.add(client);
            try {
                switch (mode) {
                    case HANG -> Thread.sleep(HostileServer.HANG_MILLIS);
                    case ERROR -> {
                        client.getInputStream().read(new byte[8192]);
                        client.getOutputStream().write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                                + "application/x-amz-json-1.0\r\nContent-Length: 40\r\n\r\n{\"__type\": \"InternalServer")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        client.getOutputStream().flush();
                    }
                    case FORWARD -> forward(client);
                }
            } finally {
                open.remove(client);
            }
        }

        private void forward(Socket client) throws IOException, InterruptedException {
            String[] hostPort = target.split(":");
            try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                open.add(upstream);
                Thread back = new Thread(() -> pump(upstream, client), "dynamodb-link");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(1_000);
            } finally {
                open.removeIf(Socket::isClosed);
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException | UncheckedIOException e) {
                // one side closed: the link ends
            }
        }

        String address() {
            return server.address();
        }

        String url() {
            return server.url();
        }

        @Override
        public void close() {
            mode(Mode.HANG);
            server.close();
        }
    }
}
