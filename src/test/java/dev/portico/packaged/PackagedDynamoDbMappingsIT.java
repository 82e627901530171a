package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.Dynalite;
import dev.portico.route.source.RouteStore;
import dev.portico.route.source.StoredVersion;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.cli.DynamoDbCommand;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * function.zip with {@code PORTICO_API_MAPPINGS_SOURCE=dynamodb}, against dynalite: the API mappings and the
 * tables of every API they name are in one DynamoDB table, put there with {@code ./portico dynamodb import} and
 * {@code put-mapping}. Two APIs by host and base path, one in two stages, through every caller format; the table
 * of a third API is broken and answers 500 on its own.
 */
class PackagedDynamoDbMappingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "portico-mapped";

    @TempDir
    static Path dir;
    private static Dynalite dynamo;
    private static PackagedFunction function;

    private static String api(String name, String path) {
        return """
                openapi: 3.0.1
                info: {title: %s, version: "1"}
                paths:
                  %s:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates:
                          application/json: '{"statusCode": 200}'
                        responses:
                          default:
                            statusCode: "200"
                            responseTemplates:
                              application/json: '{"api": "%s", "stage": "$context.stage", "path": "$context.path", "resourcePath": "$context.resourcePath", "domainName": "$context.domainName", "domainPrefix": "$context.domainPrefix"}'
                """.formatted(name, path, name);
    }

    private static void command(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--table", TABLE, "--region", "us-east-1", "--endpoint-url", dynamo.endpoint()},
                0, all, args.length, 6);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        assertEquals(0, DynamoDbCommand.run(all, stream, stream, RouteTables.loader()::load),
                () -> output.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws IOException {
        dynamo = Dynalite.start();
        command("create-table");
        for (String[] api : new String[][] {{"orders", "/{id}"}, {"admin", "/users"}}) {
            Path file = Files.writeString(dir.resolve(api[0] + ".yaml"), api(api[0], api[1]));
            command("import", file.toString(), "--api", api[0]);
        }
        try (DynamoDbClient client = dynamo.client()) {
            RouteStore broken = new RouteStore(client, TABLE, "broken");
            StoredVersion version = broken.write("openapi: 3.0.1\npaths: {/x: {get: {x-amazon-apigateway-integration: "
                    .concat("{type: lamdba}}}}\n").getBytes(StandardCharsets.UTF_8), "broken.yaml", 1, true, l -> {});
            broken.makeCurrent(version, Optional.empty());
        }
        command("put-mapping", "api.example.com/orders", "orders", "prod");
        command("put-mapping", "api.example.com/orders/beta", "orders", "beta");
        command("put-mapping", "admin.example.com", "admin", "test");
        command("put-mapping", "*/broken", "broken", "prod");
        function = PackagedFunction.start(PackagedFunction.Config.forProject(Path.of("").toAbsolutePath())
                .withEnv(Map.of(
                        "PORTICO_API_MAPPINGS_SOURCE", "dynamodb",
                        "PORTICO_ROUTES_DYNAMODB_TABLE", TABLE,
                        "PORTICO_AWS_ENDPOINT_OVERRIDE_DYNAMODB", dynamo.endpoint(),
                        "AWS_REGION", "us-east-1",
                        "PORTICO_APIS_ORDERS_STAGE_VARIABLES_BETA_COLOR", "green")));
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (dynamo != null) dynamo.close();
    }

    private static Answer call(EventFormat format, String host, String path) throws IOException {
        ClientRequest request = new ClientRequest("GET", path, "",
                new HeaderList().add("Host", host).add("Accept", "application/json"), null, "203.0.113.7");
        Result result = function.invoke(JSON.writeValueAsBytes(CallerEvents.event(format, request, "prod", "req-1")));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }

    private static JsonNode ok(EventFormat format, String host, String path) throws IOException {
        Answer answer = call(format, host, path);
        assertEquals(200, answer.status(), () -> format + " " + host + path + ": " + answer.bodyText());
        return JSON.readTree(answer.bodyText());
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void mappingsAndTablesFromDynamoDbThroughEveryCaller(EventFormat format) throws IOException {
        JsonNode prod = ok(format, "api.example.com", "/orders/42");
        assertEquals("orders", prod.get("api").asText());
        assertEquals("prod", prod.get("stage").asText());
        assertEquals("/orders/42", prod.get("path").asText());
        assertEquals("/{id}", prod.get("resourcePath").asText());
        assertEquals("api.example.com", prod.get("domainName").asText());
        assertEquals("api", prod.get("domainPrefix").asText());

        JsonNode beta = ok(format, "api.example.com", "/orders/beta/42");
        assertEquals("beta", beta.get("stage").asText(), "the longest base path wins");
        assertEquals("/orders/beta/42", beta.get("path").asText());

        JsonNode admin = ok(format, "admin.example.com", "/users");
        assertEquals("admin", admin.get("api").asText());
        assertEquals("/users", admin.get("path").asText());

        Answer unmapped = call(format, "admin.example.com", "/orders/42");
        assertEquals(403, unmapped.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", unmapped.bodyText());
        assertEquals(500, call(format, "any.example.com", "/broken/x").status(), "broken's table does not load");
        assertEquals(200, call(format, "api.example.com", "/orders/1").status(), "and the others keep serving");
    }
}
