package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.apikey.ApiKey;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.KeyHash;
import dev.portico.apikey.UsagePlan;
import dev.portico.route.source.Dynalite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./portico keys} and {@code ./portico usage-plans} against dynalite: a migration from the three files the
 * AWS CLI prints (the shapes of its reference pages: the get-api-keys example with the value that
 * {@code --include-values} adds, CLI v1's epoch dates and v2's ISO dates; get-usage-plans with throttle, quota and
 * per-method overrides; get-usage-plan-keys), and the commands that create, list, disable and delete.
 */
class ApiKeyCommandsTest {
    private static final String TABLE = "keys-cli";

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int exit;

    static final String API_KEYS = """
            {
                "items": [
                    {
                        "description": "My first key",
                        "enabled": true,
                        "stageKeys": [
                            "a1b2c3d4e5/dev",
                            "e5d4c3b2a1/dev"
                        ],
                        "lastUpdatedDate": 1456184515,
                        "createdDate": 1456184452,
                        "id": "8bklk8bl1k3sB38D9B3l0enyWT8c09B30lkq0blk",
                        "value": "bV9mTv8bnd3uNL0nKhzgy6OUaVXdNlv92kfbZbi1",
                        "name": "My key"
                    },
                    {
                        "id": "1NbjQzMReAkeEQPNAW8r3dXsU2rDD7fc7f2Sipnu",
                        "value": "Zk3a9e8Qw2RnYx7Lp0Tv5Uc4Bm1Hs6Gd",
                        "name": "Old key",
                        "enabled": false,
                        "createdDate": "2024-05-01T10:11:12+00:00",
                        "lastUpdatedDate": "2024-05-01T10:11:12+00:00",
                        "stageKeys": [],
                        "tags": {}
                    }
                ]
            }
            """;
    static final String USAGE_PLANS = """
            {
                "items": [
                    {
                        "id": "a1b2c3",
                        "name": "Gold",
                        "description": "Gold customers",
                        "apiStages": [
                            {
                                "apiId": "a1b2c3d4e5",
                                "stage": "dev",
                                "throttle": {"/pets/GET": {"burstLimit": 2, "rateLimit": 1.0}}
                            }
                        ],
                        "throttle": {"burstLimit": 100, "rateLimit": 50.0},
                        "quota": {"limit": 500, "offset": 0, "period": "MONTH"}
                    },
                    {
                        "id": "x9y8z7",
                        "name": "Free",
                        "apiStages": [{"apiId": "e5d4c3b2a1", "stage": "dev"}]
                    }
                ]
            }
            """;
    static final String PLAN_KEYS = """
            {
                "items": [
                    {
                        "id": "8bklk8bl1k3sB38D9B3l0enyWT8c09B30lkq0blk",
                        "type": "API_KEY",
                        "name": "My key"
                    }
                ]
            }
            """;

    @BeforeAll
    static void createTable() {
        assertEquals(0, KeysCommand.run(new String[] {"create-table", "--table", TABLE, "--region", "us-east-1",
                "--endpoint-url", DYNAMO.endpoint()}, System.out, System.err));
    }

    private String run(boolean keys, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", TABLE, "--region", "us-east-1", "--endpoint-url", DYNAMO.endpoint()));
        out.reset();
        err.reset();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        exit = keys ? KeysCommand.run(all.toArray(String[]::new), o, e)
                : UsagePlansCommand.run(all.toArray(String[]::new), o, e);
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aMigrationTakesTheThreeFilesTheAwsCliPrints() throws Exception {
        ApiKeyStore store = new ApiKeyStore(DYNAMO.client(), TABLE);
        String output = run(false, "import-keys", "a1b2c3", file("plan-keys.json", PLAN_KEYS).toString());
        assertEquals(2, exit, "the plan first: " + output);

        output = run(true, "import", file("keys.json", API_KEYS).toString());
        assertEquals(0, exit, output);
        assertTrue(output.contains("2 key(s) imported"), output);
        output = run(false, "import", file("plans.json", USAGE_PLANS).toString());
        assertEquals(0, exit, output);
        output = run(false, "import-keys", "a1b2c3", file("plan-keys.json", PLAN_KEYS).toString());
        assertEquals(0, exit, output);

        ApiKey key = store.keyByHash(KeyHash.of("bV9mTv8bnd3uNL0nKhzgy6OUaVXdNlv92kfbZbi1")).orElseThrow();
        assertEquals(new ApiKey("8bklk8bl1k3sB38D9B3l0enyWT8c09B30lkq0blk", "My key", true, Set.of("a1b2c3")), key);
        assertFalse(store.keyById("1NbjQzMReAkeEQPNAW8r3dXsU2rDD7fc7f2Sipnu").orElseThrow().enabled());
        UsagePlan gold = store.plan("a1b2c3").orElseThrow();
        assertEquals(50.0, gold.throttle().rateLimit());
        assertEquals(100, gold.throttle().burstLimit());
        assertEquals(500, gold.quota().limit());
        assertEquals("MONTH", gold.quota().period().name());
        UsagePlan.ApiStage dev = gold.stage("a1b2c3d4e5", "dev");
        assertEquals(Map.of("/pets/GET", new dev.portico.apikey.Throttle(1.0, 2)), dev.throttle());
        UsagePlan free = store.plan("x9y8z7").orElseThrow();
        assertEquals(null, free.throttle());
        assertEquals(null, free.quota());

        output = run(true, "import", file("keys.json", API_KEYS).toString());
        assertEquals(Set.of("a1b2c3"), store.keyById("8bklk8bl1k3sB38D9B3l0enyWT8c09B30lkq0blk").orElseThrow().plans(),
                "a re-import keeps the key's plans: " + output);
        assertFalse(new String(Files.readAllBytes(dir.resolve("keys.json"))).isEmpty());
        String list = run(true, "list");
        assertFalse(list.contains("bV9mTv8bnd3u"), "values are never shown: " + list);
    }

    @Test
    void anExportWithoutValuesIsRefusedNamingTheKey() throws Exception {
        String output = run(true, "import", file("no-values.json", """
                {"items": [{"id": "k1", "name": "n", "enabled": true}]}""").toString());
        assertEquals(2, exit, output);
        assertTrue(output.contains("items[0] (k1) has no value: export with aws apigateway get-api-keys --include-values"),
                output);
        output = run(true, "import", file("not-cli.json", "{\"keys\": []}").toString());
        assertEquals(2, exit);
        assertTrue(output.contains("has no items array"), output);
    }

    @Test
    void createListDisableAndDelete() {
        ApiKeyStore store = new ApiKeyStore(DYNAMO.client(), TABLE);
        String output = run(false, "create", "p-basic", "Basic", "--stage", "portico/prod", "--rate", "10", "--burst",
                "20", "--quota", "1000", "--period", "DAY", "--method-throttle", "portico/prod:/pets/{id}/GET=1:2");
        assertEquals(0, exit, output);
        output = run(true, "create", "partner", "--id", "k-partner", "--plan", "p-basic");
        assertEquals(0, exit, output);
        String value = output.lines().filter(l -> l.startsWith("value: ")).findFirst().orElseThrow().substring(7);
        assertEquals(40, value.length());
        assertTrue(store.keyByHash(KeyHash.of(value)).orElseThrow().enabled());
        assertTrue(run(true, "list").contains("k-partner"));
        assertTrue(run(false, "list").contains("p-basic (Basic): rate 10.0/s, burst 20; quota 1000 a day; stages "
                + "portico/prod[/pets/{id}/GET=1.0:2]"), run(false, "list"));

        run(true, "disable", "k-partner");
        assertEquals(0, exit);
        assertFalse(store.keyById("k-partner").orElseThrow().enabled());
        run(true, "enable", "k-partner");
        assertTrue(store.keyById("k-partner").orElseThrow().enabled());
        assertTrue(run(false, "usage", "p-basic", "k-partner").contains("0 of 1000 requests"));
        run(false, "remove-key", "p-basic", "k-partner");
        assertEquals(Set.of(), store.keyById("k-partner").orElseThrow().plans());
        run(true, "delete", "k-partner");
        assertEquals(0, exit);
        assertTrue(store.keyById("k-partner").isEmpty());
        assertTrue(store.keyByHash(KeyHash.of(value)).isEmpty());
        run(true, "delete", "k-partner");
        assertEquals(2, exit, "no such key");
        run(true, "create", "short", "--value", "too-short");
        assertEquals(2, exit);
        run(false, "delete", "p-basic");
        assertEquals(0, exit);
    }
}
