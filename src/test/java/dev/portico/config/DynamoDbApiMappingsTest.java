package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.Dynalite;
import dev.portico.route.source.LiveRouteTable;
import dev.portico.route.source.MappingStore;
import dev.portico.route.source.RouteStore;
import dev.portico.route.source.RouteStoreException;
import dev.portico.route.source.StoredVersion;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.cli.DynamoDbCommand;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code PORTICO_API_MAPPINGS_SOURCE=dynamodb} against dynalite: mappings put with {@code ./portico dynamodb
 * put-mapping} are what the function serves, changes reach it on the next refresh, a mapping item that is not valid
 * keeps the last good mappings, and among several APIs whose tables live in DynamoDB a broken or missing one
 * answers 500 on its own while the others serve.
 */
class DynamoDbApiMappingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    @TempDir
    Path dir;
    private String table;

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
                              application/json: '{"api": "%s", "stage": "$context.stage", "path": "$context.path", "resourcePath": "$context.resourcePath", "domainName": "$context.domainName", "domainPrefix": "$context.domainPrefix", "apiId": "$context.apiId"}'
                """.formatted(name, path, name);
    }

    @BeforeEach
    void createTable() {
        table = "mappings-" + TABLES.incrementAndGet();
        assertEquals(0, command("create-table"));
    }

    private int command(String... args) {
        return command(new ByteArrayOutputStream(), args);
    }

    private int command(ByteArrayOutputStream output, String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--table", table, "--region", "us-east-1", "--endpoint-url", DYNAMO.endpoint()},
                0, all, args.length, 6);
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        return DynamoDbCommand.run(all, stream, stream, RouteTables.loader()::load);
    }

    private void importApi(String name, String path) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".yaml"), api(name, path));
        assertEquals(0, command("import", file.toString(), "--api", name));
    }

    private PorticoConfig config(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PORTICO_API_MAPPINGS_SOURCE", "dynamodb",
                "PORTICO_ROUTES_DYNAMODB_TABLE", table,
                "PORTICO_AWS_ENDPOINT_OVERRIDE_DYNAMODB", DYNAMO.endpoint(),
                "PORTICO_AWS_REGION", "us-east-1",
                "PORTICO_ROUTES_REFRESH_INTERVAL", "0s"));
        environment.putAll(more);
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(PorticoConfig.class)
                .build()
                .getConfigMapping(PorticoConfig.class);
    }

    private Portico portico(Map<String, String> environment) {
        PorticoConfig config = config(environment);
        PorticoSettings settings = Configuration.settings(config);
        ApiRouter router = Configuration.router(config, settings, source -> new LiveRouteTable(source, Duration.ZERO));
        return new Portico(router, Integrations.standard(settings), settings);
    }

    private static Answer call(Portico portico, EventFormat format, String host, String path) throws IOException {
        ClientRequest request = new ClientRequest("GET", path, "",
                new HeaderList().add("Host", host).add("Accept", "application/json"), null, "203.0.113.9");
        byte[] answer = portico.handle(CallerEvents.build(format, request, "prod", "req-" + path.hashCode()));
        return AnswerDecoder.decode(answer, format);
    }

    private static JsonNode ok(Portico portico, EventFormat format, String host, String path) throws IOException {
        Answer answer = call(portico, format, host, path);
        assertEquals(200, answer.status(), () -> host + path + ": " + answer.bodyText());
        return JSON.readTree(answer.bodyText());
    }

    @Test
    void mappingsPutWithTheCommandAreServedAndChangesReachTheNextRequest() throws Exception {
        importApi("orders", "/{id}");
        importApi("admin", "/users");
        assertEquals(0, command("put-mapping", "api.example.com/orders", "orders", "prod"));
        assertEquals(0, command("put-mapping", "*/admin", "admin", "test"));
        Portico portico = portico(Map.of("PORTICO_APIS_ORDERS_STAGE_VARIABLES_PROD_COLOR", "blue"));

        for (EventFormat format : EventFormat.values()) {
            JsonNode order = ok(portico, format, "api.example.com", "/orders/42");
            assertEquals("orders", order.get("api").asText(), format.label());
            assertEquals("prod", order.get("stage").asText());
            assertEquals("/orders/42", order.get("path").asText(), "$context.path keeps the base path");
            assertEquals("/{id}", order.get("resourcePath").asText(), "$context.resourcePath does not");
            assertEquals("api.example.com", order.get("domainName").asText());
            assertEquals("api", order.get("domainPrefix").asText());
            assertEquals("orders", order.get("apiId").asText(), "an API only DynamoDB knows: its name is its id");
            assertEquals("admin", ok(portico, format, "other.example.com", "/admin/users").get("api").asText());
            assertEquals(403, call(portico, format, "other.example.com", "/orders/42").status(),
                    "orders is mapped for api.example.com only");
        }

        assertEquals(0, command("put-mapping", "*/reports", "orders", "beta"));
        JsonNode beta = ok(portico, EventFormat.ALB, "any.example.com", "/reports/7");
        assertEquals("beta", beta.get("stage").asText(), "a new mapping is served on the next refresh");
        assertEquals("/reports/7", beta.get("path").asText());

        assertEquals(0, command("delete-mapping", "*/admin"));
        Answer gone = call(portico, EventFormat.ALB, "other.example.com", "/admin/users");
        assertEquals(403, gone.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", gone.bodyText());
        assertEquals(1, command("delete-mapping", "*/admin"), "nothing left to delete");

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        assertEquals(0, command(listing, "mappings"));
        assertEquals("*/reports -> orders, beta\napi.example.com/orders -> orders, prod\n",
                listing.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMappingItemThatIsNotValidKeepsTheLastGoodMappings() throws Exception {
        importApi("orders", "/{id}");
        assertEquals(0, command("put-mapping", "*/orders", "orders", "prod"));
        Portico portico = portico(Map.of());
        assertEquals(200, call(portico, EventFormat.HTTP_V2, "h.example.com", "/orders/1").status());

        try (DynamoDbClient client = DYNAMO.client()) {
            client.putItem(b -> b.tableName(table).item(Map.of(
                    "pk", AttributeValue.fromS("MAPPINGS"), "sk", AttributeValue.fromS("bad host/x"),
                    "host", AttributeValue.fromS("bad host"), "basePath", AttributeValue.fromS("/x"),
                    "api", AttributeValue.fromS("orders"), "stage", AttributeValue.fromS("prod"))));
            RouteStoreException refused = assertThrows(RouteStoreException.class,
                    () -> new MappingStore(client, table).mappings());
            assertTrue(refused.getMessage().contains("mapping item 'bad host/x'"), refused.getMessage());
        }
        assertEquals(0, command("put-mapping", "*/more", "orders", "prod"));
        assertEquals(200, call(portico, EventFormat.HTTP_V2, "h.example.com", "/orders/1").status(),
                "the last good mappings keep serving");
        assertEquals(403, call(portico, EventFormat.HTTP_V2, "h.example.com", "/more/1").status(),
                "and nothing of the version that did not validate is served");
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        assertEquals(1, command(listing, "mappings"));
        assertTrue(listing.toString(StandardCharsets.UTF_8).contains("is neither a host name nor *"));
    }

    @Test
    void aBrokenTableForOneDynamoDbApiLeavesTheOthersServing() throws Exception {
        importApi("orders", "/{id}");
        importApi("admin", "/users");
        try (DynamoDbClient client = DYNAMO.client()) {
            // Written past the import command, which would refuse it: an integration type that does not exist.
            RouteStore broken = new RouteStore(client, table, "broken");
            StoredVersion version = broken.write(api("broken", "/x").replace("type: mock", "type: lamdba")
                    .getBytes(StandardCharsets.UTF_8), "broken.yaml", 1, true, line -> {});
            broken.makeCurrent(version, Optional.empty());
        }
        assertEquals(0, command("put-mapping", "*/orders", "orders", "prod"));
        assertEquals(0, command("put-mapping", "*/admin", "admin", "prod"));
        assertEquals(0, command("put-mapping", "*/broken", "broken", "prod"));
        assertEquals(0, command("put-mapping", "*/ghost", "ghost", "prod"), "no table imported for ghost");
        Portico portico = portico(Map.of());

        for (EventFormat format : EventFormat.values()) {
            assertEquals(500, call(portico, format, "h.example.com", "/broken/x").status(), format.label());
            assertEquals(500, call(portico, format, "h.example.com", "/ghost/x").status());
            assertEquals("orders", ok(portico, format, "h.example.com", "/orders/9").get("api").asText());
            assertEquals("admin", ok(portico, format, "h.example.com", "/admin/users").get("api").asText());
        }

        // A refresh of one API that fails keeps that API's last good table; the others are not touched.
        try (DynamoDbClient client = DYNAMO.client()) {
            RouteStore admin = new RouteStore(client, table, "admin");
            StoredVersion current = admin.current().orElseThrow();
            StoredVersion bad = admin.write("openapi: 3.0.1\npaths: {broken: [\n".getBytes(StandardCharsets.UTF_8),
                    "bad.yaml", 0, true, line -> {});
            admin.makeCurrent(bad, Optional.of(current.version()));
        }
        importApi("orders", "/v2/{id}");
        assertEquals("admin", ok(portico, EventFormat.ALB, "h.example.com", "/admin/users").get("api").asText());
        assertEquals("/v2/{id}", ok(portico, EventFormat.ALB, "h.example.com", "/orders/v2/9")
                .get("resourcePath").asText(), "orders took its new version meanwhile");
        assertTrue(portico.router().anyServing());
    }

    @Test
    void noMappingsAnswer403AndUnreadableMappingsAnswer500() throws Exception {
        Portico empty = portico(Map.of());
        assertEquals(List.of(), empty.router().mappings());
        Answer none = call(empty, EventFormat.ALB, "h.example.com", "/orders/1");
        assertEquals(403, none.status(), "a domain without API mappings");
        assertFalse(empty.router().anyServing());

        Portico unreadable = portico(Map.of("PORTICO_ROUTES_DYNAMODB_TABLE", "no-such-table"));
        Answer failed = call(unreadable, EventFormat.REST_V1, "h.example.com", "/orders/1");
        assertEquals(500, failed.status());
        assertEquals("{\"message\": \"Internal server error\"}", failed.bodyText());
        assertFalse(failed.bodyText().contains("no-such-table"), "no internals in the answer");
    }

    @Test
    void theConfiguredApisKeepTheirOwnSourceAndTheTextMappingsAreRefusedBeside() throws Exception {
        Path file = Files.writeString(dir.resolve("local.yaml"), api("local", "/here"));
        assertEquals(0, command("put-mapping", "*/local", "local", "prod"));
        Portico portico = portico(Map.of("PORTICO_APIS_LOCAL_FILE", file.toString()));
        assertEquals("local", ok(portico, EventFormat.ALB, "h", "/local/here").get("api").asText());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> portico(Map.of("PORTICO_API_MAPPINGS", "* -> local, prod")));
        assertTrue(both.getMessage().contains("set one of them"), both.getMessage());
        IllegalArgumentException noTable = assertThrows(IllegalArgumentException.class,
                () -> Configuration.router(config(Map.of("PORTICO_ROUTES_DYNAMODB_TABLE", "")),
                        PorticoSettings.defaults(), source -> () -> null));
        assertTrue(noTable.getMessage().contains("needs portico.routes.dynamodb.table"), noTable.getMessage());
        assertEquals(List.of(ApiMapping.of("*", "/local", "local", "prod")),
                portico.router().mappings().stream().map(ApiRouter.Entry::mapping).toList());
    }
}
