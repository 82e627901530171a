package dev.portico.route.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import dev.portico.tools.cli.DynamoDbCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole DynamoDB path with the real loader and templates: a route file imported by the command is what the
 * gateway serves, and a newer import replaces it on the next refresh.
 */
class DynamoDbServingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "routes-serving";

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    @TempDir
    Path dir;

    private static String api(String greeting) {
        return """
                openapi: 3.0.1
                info: {title: served-from-dynamodb, version: "1"}
                paths:
                  /greeting:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates:
                          application/json: '{"statusCode": 200}'
                        responses:
                          default:
                            statusCode: "200"
                            responseTemplates:
                              application/json: '{"greeting": "%s", "stage": "$context.stage"}'
                """.formatted(greeting);
    }

    private static int command(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--table", TABLE, "--api", "shop", "--region", "us-east-1", "--endpoint-url",
                DYNAMO.endpoint()}, 0, all, args.length, 8);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return DynamoDbCommand.run(all, quiet, quiet, RouteTables.loader()::load);
    }

    private static String greeting(Portico portico) throws Exception {
        String event = """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"GET","path":"/greeting","queryStringParameters":{},"headers":{"accept":"application/json"},
                 "body":"","isBase64Encoded":false}
                """;
        JsonNode answer = JSON.readTree(portico.handle(event.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, answer.get("statusCode").asInt(), answer::toString);
        return JSON.readTree(answer.get("body").asText()).get("greeting").asText();
    }

    @BeforeAll
    static void createTable() {
        assertEquals(0, command("create-table"));
    }

    @Test
    void importedTablesAreServedAndANewVersionReplacesTheOld() throws Exception {
        assertEquals(0, command("import", Files.writeString(dir.resolve("v1.yaml"), api("hello")).toString()));

        try (DynamoDbClient client = DYNAMO.client()) {
            RouteStore store = new RouteStore(client, TABLE, "shop");
            LiveRouteTable routes = new LiveRouteTable(
                    new DynamoDbRouteSource(store, RouteTables.loader()::load), Duration.ZERO);
            PorticoSettings settings = PorticoSettings.defaults().withStage("live");
            Portico portico = new Portico(routes, Integrations.standard(settings), settings);

            assertEquals("hello", greeting(portico));

            assertEquals(0, command("import", Files.writeString(dir.resolve("v2.yaml"), api("bonjour")).toString()));
            assertEquals("bonjour", greeting(portico));

            assertEquals(0, command("rollback", "1"));
            assertEquals("hello", greeting(portico));
            assertTrue(routes.version().isPresent());
            assertEquals(0, routes.failures());
        }
    }

    @Test
    void aProtectedTableIsRefusedOnImportAndOnRefreshWhileTheCurrentVersionKeepsServing() throws Exception {
        assertEquals(0, command("import", Files.writeString(dir.resolve("open.yaml"), api("still open")).toString()));
        byte[] protectedTable = Files.readAllBytes(Path.of("src/test/resources/routes/protected-sigv4.yaml"));
        Path file = Files.write(dir.resolve("protected.yaml"), protectedTable);

        assertEquals(1, command("import", file.toString()));

        try (DynamoDbClient client = DYNAMO.client()) {
            RouteStore store = new RouteStore(client, TABLE, "shop");
            LiveRouteTable routes = new LiveRouteTable(
                    new DynamoDbRouteSource(store, RouteTables.loader()::load), Duration.ZERO);
            PorticoSettings settings = PorticoSettings.defaults();
            Portico portico = new Portico(routes, Integrations.standard(settings), settings);
            assertEquals("still open", greeting(portico));

            // Written past the import command, as another tool might: the refresh refuses it too.
            StoredVersion current = store.current().orElseThrow();
            StoredVersion written = store.write(protectedTable, "protected.yaml", 2, false, progress -> {});
            store.makeCurrent(written, Optional.of(current.version()));
            assertEquals("still open", greeting(portico));
            assertEquals(1, routes.failures());
            assertEquals(Optional.of(Long.toString(current.version())), routes.version());
        }
    }

    @Test
    void aFileTheLoaderRefusesIsNotImported() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), api("x").replace("type: mock", "type: lambda"));

        assertEquals(1, command("import", broken.toString()));
    }
}
