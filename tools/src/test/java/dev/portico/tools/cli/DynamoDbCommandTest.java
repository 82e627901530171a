package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.source.Dynalite;
import dev.portico.route.source.DynamoDbRouteSource;
import dev.portico.route.source.FakeOpenApi;
import dev.portico.route.source.LiveRouteTable;
import dev.portico.route.source.RouteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The import command end to end against dynalite, as a person would run it. */
class DynamoDbCommandTest {
    private static final String TABLE = "routes-cli";

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int exit;

    private static DynamoDbClient client;

    @BeforeAll
    static void createTable() {
        client = DYNAMO.client();
        assertEquals(0, DynamoDbCommand.run(new String[] {"create-table", "--table", TABLE, "--api", "-",
                "--region", "us-east-1", "--endpoint-url", DYNAMO.endpoint()}, System.out, System.err,
                FakeOpenApi::parse));
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    private String run(String api, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", TABLE, "--api", api, "--region", "us-east-1", "--endpoint-url",
                DYNAMO.endpoint()));
        out.reset();
        err.reset();
        exit = DynamoDbCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FakeOpenApi::parse);
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static RouteStore store(String api) {
        return new RouteStore(client, TABLE, api);
    }

    @Test
    void importsListsAndServes() throws Exception {
        String output = run("shop", "import", file("v1.yaml", FakeOpenApi.document(1, 3)).toString());
        assertEquals(0, exit, output);
        assertTrue(output.contains("valid: 3 routes"), output);
        assertTrue(output.contains("version 1 of dynamodb table routes-cli, api shop is current (was none)"), output);

        output = run("shop", "import", file("v2.yaml", FakeOpenApi.document(2, 5)).toString(), "--plain");
        assertEquals(0, exit, output);
        assertTrue(output.contains("is current (was 1)"), output);

        output = run("shop", "versions");
        assertEquals(0, exit, output);
        assertTrue(output.lines().anyMatch(l -> l.matches(" +1 +3 .* 1 gzip .*v1\\.yaml")), output);
        assertTrue(output.lines().anyMatch(l -> l.matches("\\* +2 +5 .* 1 plain .*v2\\.yaml")), output);

        var live = new LiveRouteTable(new DynamoDbRouteSource(store("shop"), FakeOpenApi::parse), Duration.ZERO);
        assertEquals(2, FakeOpenApi.generation(live.get()));
    }

    @Test
    void anInvalidFileIsRejectedBeforeAnythingIsWritten() throws Exception {
        run("strict", "import", file("good.yaml", FakeOpenApi.document(1, 2)).toString());
        assertEquals(0, exit);

        String output = run("strict", "import", file("bad.yaml", FakeOpenApi.invalid()).toString());

        assertEquals(1, exit, output);
        assertTrue(output.contains("\nGET /nowhere: no x-amazon-apigateway-integration"), output);
        assertEquals(1, store("strict").versions().size());
        assertEquals(1, store("strict").current().orElseThrow().version());
    }

    @Test
    void rollsBackToAStoredVersion() throws Exception {
        run("rb", "import", file("v1.yaml", FakeOpenApi.document(1, 2)).toString());
        run("rb", "import", file("v2.yaml", FakeOpenApi.document(2, 2)).toString());

        String output = run("rb", "rollback", "1");

        assertEquals(0, exit, output);
        assertTrue(output.contains("version 1 of dynamodb table routes-cli, api rb is current (was 2)"), output);
        assertEquals(1, store("rb").current().orElseThrow().version());
        assertEquals(2, store("rb").versions().size(), "a rollback stores nothing new");

        output = run("rb", "rollback", "9");
        assertEquals(1, exit, output);
        assertTrue(output.contains("version 9 does not exist"), output);
    }

    @Test
    void refusesToRollBackToAnInvalidVersion() throws Exception {
        run("rb-bad", "import", file("v1.yaml", FakeOpenApi.document(1, 2)).toString());
        RouteStore store = store("rb-bad");
        store.write(FakeOpenApi.invalid(), "bad.yaml", 1, true, line -> {});

        String output = run("rb-bad", "rollback", "2");

        assertEquals(1, exit, output);
        assertEquals(1, store.current().orElseThrow().version());
    }

    @Test
    void exportGivesBackTheImportedBytes() throws Exception {
        byte[] big = FakeOpenApi.document(3, 2_000);
        byte[] small = FakeOpenApi.document(4, 1);
        run("rt", "import", file("big.yaml", big).toString(), "--plain");
        run("rt", "import", file("small.yaml", small).toString());

        for (int version = 1; version <= 2; version++) {
            Path exported = dir.resolve("export-" + version + ".yaml");
            String output = run("rt", "export", Integer.toString(version), exported.toString());
            assertEquals(0, exit, output);
            assertArrayEquals(version == 1 ? big : small, Files.readAllBytes(exported));
        }
        assertTrue(store("rt").version(1).orElseThrow().chunks() > 1, "the big one spans chunks");
    }

    @Test
    void creatingTheTableTwiceIsOneLine() {
        String output = run("x", "create-table");
        assertEquals(2, exit, output);
        assertEquals(List.of("portico dynamodb: table " + TABLE + " already exists (usage: dynamodb COMMAND [--table "
                + "TABLE] [--api API_ID] [--region REGION] [--endpoint-url URL])"), err.toString(StandardCharsets.UTF_8)
                .lines().toList());
    }

    @Test
    void badUsageSaysHow() {
        String output = run("x", "rollback", "latest");
        assertEquals(2, exit);
        assertTrue(output.contains("not a version number: latest") && output.contains("usage:"), output);

        output = run("x", "import");
        assertEquals(2, exit);
        assertTrue(output.contains("import takes 1 argument(s)"), output);

        out.reset();
        err.reset();
        exit = DynamoDbCommand.run(new String[] {"versions", "--api", "x", "--region", "us-east-1"},
                new PrintStream(out), new PrintStream(err), FakeOpenApi::parse);
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--table is needed"), err.toString());
        assertEquals(Optional.empty(), store("x").current());
    }
}
