package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.tools.cli.DynamoDbCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB source serving what was imported, against a real DynamoDB protocol (dynalite). */
class DynamoDbRouteSourceTest {
    private static final String TABLE = "portico-routes";

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    private static DynamoDbClient client;
    private static int apis;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTable() {
        client = DYNAMO.client();
        new RouteStore(client, TABLE, "setup").createTable();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    /** Each test imports into an API of its own, so that tests share the table but nothing else. */
    private static RouteStore newApi() {
        return new RouteStore(client, TABLE, "api-" + ++apis);
    }

    private static StoredVersion publish(RouteStore store, byte[] document, boolean gzip) {
        RouteTable validated = FakeOpenApi.parse("test", document);
        Optional<Long> previous = store.current().map(StoredVersion::version);
        StoredVersion version = store.write(document, "test.yaml", validated.routes().size(), gzip, line -> {});
        store.makeCurrent(version, previous);
        return version;
    }

    private static LiveRouteTable serve(RouteStore store, Duration interval) {
        return new LiveRouteTable(new DynamoDbRouteSource(store, FakeOpenApi::parse), interval);
    }

    @Test
    void servesTheImportedVersion() {
        RouteStore store = newApi();
        publish(store, FakeOpenApi.document(1, 25), true);

        LiveRouteTable live = serve(store, Duration.ofSeconds(30));

        assertEquals(25, live.get().routes().size());
        assertEquals(1, FakeOpenApi.generation(live.get()));
        assertEquals(Optional.of("1"), live.version());
        assertEquals(0, live.failures());
    }

    @Test
    void apisInOneTableAreIndependent() {
        RouteStore shop = newApi();
        RouteStore admin = newApi();
        publish(shop, FakeOpenApi.document(1, 4), true);
        publish(admin, FakeOpenApi.document(7, 9), true);
        publish(admin, FakeOpenApi.document(8, 2), true);

        assertEquals(1, FakeOpenApi.generation(serve(shop, Duration.ZERO).get()));
        assertEquals(8, FakeOpenApi.generation(serve(admin, Duration.ZERO).get()));
        assertEquals(1, shop.versions().size());
        assertEquals(2, admin.versions().size());
    }

    /**
     * Readers refresh on every request while a writer publishes versions of different sizes, some of them
     * several chunks long. Every table a reader gets must be one whole version, and never an older one than
     * it saw before.
     */
    @Test
    void readersNeverSeeHalfAnUpdate() throws Exception {
        RouteStore store = newApi();
        int last = 8;
        publish(store, FakeOpenApi.document(1, routesOf(1)), true);
        LiveRouteTable live = serve(store, Duration.ZERO);
        DynamoDbRouteSource direct = new DynamoDbRouteSource(store, FakeOpenApi::parse);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> readUntilDone(live::get, writing, last)));
            }
            readers.add(pool.submit(() -> readUntilDone(
                    () -> direct.loadIfChanged(null).orElseThrow().table(), writing, last)));
            for (int generation = 2; generation <= last; generation++) {
                publish(store, FakeOpenApi.document(generation, routesOf(generation)), generation % 2 == 0);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(2, TimeUnit.MINUTES) > 0);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(0, live.failures());
    }

    /** Plain versions of 1,500 routes take several 350 KB chunks. */
    private static int routesOf(int generation) {
        return generation % 2 == 0 ? 1_500 : 40 + generation;
    }

    /** @return how many tables the reader checked */
    private static int readUntilDone(java.util.function.Supplier<RouteTable> tables, AtomicBoolean writing,
                                     int lastGeneration) {
        int seen = 0;
        int checks = 0;
        long deadline = Long.MAX_VALUE;
        while (seen < lastGeneration && System.nanoTime() < deadline) {
            if (!writing.get() && deadline == Long.MAX_VALUE) {
                // Another reader may be loading the last version; this one keeps its table meanwhile.
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            }
            RouteTable table = tables.get();
            int generation = FakeOpenApi.generation(table);
            assertEquals(routesOf(generation), table.routes().size(), "generation " + generation + " is whole");
            assertTrue(generation >= seen, "went back from " + seen + " to " + generation);
            seen = generation;
            checks++;
        }
        assertEquals(lastGeneration, seen, "sees the last version once the writer is done");
        return checks;
    }

    @Test
    void whenDynamoDbGoesAwayTheLastGoodTableKeepsServing() {
        try (Dynalite own = Dynalite.start(); DynamoDbClient ownClient = own.client()) {
            RouteStore store = new RouteStore(ownClient, TABLE, "shop");
            store.createTable();
            publish(store, FakeOpenApi.document(1, 12), true);
            LiveRouteTable live = serve(store, Duration.ZERO);
            RouteTable good = live.get();

            own.close();

            assertSame(good, live.get());
            assertSame(good, live.get());
            assertEquals(2, live.failures());
            assertEquals(Optional.of("1"), live.version());

            LiveRouteTable coldStartWithoutDynamo = serve(store, Duration.ofSeconds(30));
            assertThrows(RouteTableUnavailableException.class, coldStartWithoutDynamo::get);
            assertEquals(1, coldStartWithoutDynamo.failures());
        }
    }

    @Test
    void anInvalidVersionIsNotServed() {
        RouteStore store = newApi();
        publish(store, FakeOpenApi.document(1, 5), true);
        LiveRouteTable live = serve(store, Duration.ZERO);
        RouteTable good = live.get();

        // Written without the import command's validation, as a hand edit or another tool might.
        StoredVersion bad = store.write(FakeOpenApi.invalid(), "broken.yaml", 1, true, line -> {});
        store.makeCurrent(bad, Optional.of(1L));

        assertSame(good, live.get());
        assertEquals(1, live.failures());
        assertThrows(InvalidRouteTableException.class,
                () -> new DynamoDbRouteSource(store, FakeOpenApi::parse).loadIfChanged("1"));
    }

    @Test
    void aCorruptChunkIsNotServed() {
        RouteStore store = newApi();
        publish(store, FakeOpenApi.document(1, 5), true);
        LiveRouteTable live = serve(store, Duration.ZERO);
        RouteTable good = live.get();
        StoredVersion second = publish(store, FakeOpenApi.document(2, 5), false);
        String apiKey = "API#api-" + apis;
        client.putItem(b -> b.tableName(TABLE).item(Map.of(
                "pk", AttributeValue.fromS(apiKey + "#V#" + second.version()),
                "sk", AttributeValue.fromS("CHUNK#00000"),
                "data", AttributeValue.fromB(SdkBytes.fromUtf8String("openapi: 3.0.1\npaths: {}\n")))));

        assertSame(good, live.get());
        assertEquals(1, live.failures());
        RouteStoreException e = assertThrows(RouteStoreException.class, () -> store.read(second));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void withNothingImportedThereIsNoTable() {
        LiveRouteTable live = serve(newApi(), Duration.ofSeconds(30));

        RouteTableUnavailableException e = assertThrows(RouteTableUnavailableException.class, live::get);
        assertTrue(e.getMessage().contains("no route table has been imported"), e.getMessage());
    }

    /** Also prints the cold load figures for 10,000 routes: DynamoDB (dynalite) against a file. */
    @Test
    void tenThousandRoutes() throws Exception {
        Path file = dir.resolve("big.yaml");
        Files.write(file, FakeOpenApi.document(1, 10_000));
        RouteStore gzipped = importWithCommand(file, "big");
        RouteStore plain = importWithCommand(file, "big-plain", "--plain");

        FakeOpenApi.parse("warm-up", Files.readAllBytes(file));
        long fromFile = coldLoad(() -> new LiveRouteTable(new FileRouteSource(file, FakeOpenApi::parse),
                Duration.ofSeconds(30)));
        System.out.printf("cold load of 10,000 routes, %d bytes of YAML, fake loader, median of 5:%n  file: %d ms%n",
                Files.size(file), fromFile);
        for (RouteStore store : List.of(gzipped, plain)) {
            long fromDynamo = coldLoad(() -> serve(store, Duration.ofSeconds(30)));
            StoredVersion stored = store.current().orElseThrow();
            assertEquals(10_000, stored.routes());
            long fetchOnly = median(() -> store.read(store.current().orElseThrow()));
            System.out.printf("  dynalite, %d %s chunk(s): %d ms, of which reading and checking the chunks %d ms%n",
                    stored.chunks(), stored.encoding(), fromDynamo, fetchOnly);
        }
    }

    private static RouteStore importWithCommand(Path file, String api, String... options) {
        List<String> args = new ArrayList<>(List.of("import", file.toString(), "--table", TABLE, "--api", api,
                "--region", "us-east-1", "--endpoint-url", DYNAMO.endpoint()));
        args.addAll(List.of(options));
        assertEquals(0, DynamoDbCommand.run(args.toArray(String[]::new), System.out, System.err, FakeOpenApi::parse));
        return new RouteStore(client, TABLE, api);
    }

    private static long coldLoad(java.util.function.Supplier<LiveRouteTable> load) {
        return median(() -> assertEquals(10_000, load.get().get().routes().size()));
    }

    /** Median wall time of 5 runs, in milliseconds. */
    private static long median(Runnable run) {
        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            run.run();
            millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        java.util.Arrays.sort(millis);
        return millis[millis.length / 2];
    }
}
