package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes}, {@code check} and {@code serve} with API mappings configured as the function reads them
 * ({@code portico.api-mappings}, {@code portico.apis.NAME.*}; set here as system properties, which the tools read
 * as the function reads its environment).
 */
class MappedCommandsTest {
    private static final String ANSWER = "x-amazon-apigateway-integration: {type: mock, requestTemplates: "
            + "{application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200', "
            + "responseTemplates: {application/json: '{\"api\": \"%s\", \"path\": \"$context.path\", "
            + "\"resourcePath\": \"$context.resourcePath\", \"stage\": \"$context.stage\"}'}}}}";

    @TempDir
    Path dir;
    private final List<String> properties = new ArrayList<>();

    @AfterEach
    void clearProperties() {
        properties.forEach(System::clearProperty);
    }

    private void set(String name, String value) {
        properties.add(name);
        System.setProperty(name, value);
    }

    private Path api(String name, String... paths) throws Exception {
        StringBuilder text = new StringBuilder("openapi: 3.0.1\ninfo: {title: " + name + ", version: '1'}\npaths:\n");
        for (String path : paths) {
            text.append("  ").append(path).append(":\n    get:\n      ").append(ANSWER.formatted(name)).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".yaml"), text.toString());
    }

    private void configure(Map<String, Path> files, String mappings) {
        set("portico.api-mappings", mappings);
        files.forEach((name, file) -> set("portico.apis." + name + ".file", file.toString()));
    }

    @Test
    void routesListsEachApiUnderItsHostAndBasePathInTheOrderRequestsTryThem() throws Exception {
        configure(Map.of("orders", api("orders", "/{id}", "/beta/{id}"), "admin", api("admin", "/", "/users")),
                "*/orders -> orders, prod; api.example.com/admin -> admin, test; */orders/beta -> orders, beta");

        Result result = run(RoutesCommand::run);

        assertEquals(0, result.status(), result.err());
        List<String> rows = result.out().lines().map(line -> line.replaceAll(" +", " ").strip()).toList();
        assertEquals(List.of(
                "HOST METHOD PATH API INTEGRATION TARGET AUTHORIZER",
                "api.example.com GET /admin admin, test MOCK - -",
                "api.example.com GET /admin/users admin, test MOCK - -",
                "* GET /orders/beta/beta/{id} orders, beta MOCK - -",
                "* GET /orders/beta/{id} orders, beta MOCK - -",
                "* GET /orders/beta/{id} orders, prod MOCK - -",
                "* GET /orders/{id} orders, prod MOCK - -"), rows);
    }

    @Test
    void routesAndCheckNameTheApiWhoseTableDoesNotLoadAndListTheOthers() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.1\npaths:\n  /x:\n    get:\n"
                + "      x-amazon-apigateway-integration: {type: lamdba}\n");
        configure(Map.of("orders", api("orders", "/{id}"), "broken", broken), "*/orders -> orders, prod; "
                + "*/broken -> broken, prod");

        Result routes = run(RoutesCommand::run);
        assertEquals(1, routes.status());
        assertTrue(routes.out().contains("/orders/{id}"), routes.out());
        assertTrue(routes.err().contains("*/broken -> broken, prod: "), routes.err());
        assertTrue(routes.err().contains("GET /x: unknown integration type 'lamdba'"), routes.err());

        Result check = run(CheckCommand::run);
        assertEquals(1, check.status());
        assertTrue(check.out().contains("api orders: OK, 1 routes"), check.out());
        assertTrue(check.err().contains("api broken: "), check.err());
        assertTrue(check.err().contains("GET /x: unknown integration type 'lamdba'"), check.err());
    }

    @Test
    void checkChecksTheMappingsThemselvesAndWarnsOfRoutesALongerBasePathTakes() throws Exception {
        configure(Map.of("orders", api("orders", "/{id}", "/beta/{id}")),
                "*/orders -> orders, prod; */orders/beta -> orders, beta");
        Result shadowed = run(CheckCommand::run);
        assertEquals(0, shadowed.status(), shadowed.err());
        assertTrue(shadowed.out().contains("API mappings: OK, 2"), shadowed.out());
        assertTrue(shadowed.out().contains("warning: GET /beta/{id} of '*/orders -> orders, prod' is never reached: "
                + "'*/orders/beta -> orders, beta' takes */orders/beta/..."), shadowed.out());

        set("portico.api-mappings", "*/orders -> orders, prod; */shop -> shop, prod; bad host -> orders, prod");
        Result wrong = run(CheckCommand::run);
        assertEquals(1, wrong.status());
        assertTrue(wrong.err().contains("'bad host -> orders, prod': host 'bad host' is neither a host name nor *"),
                wrong.err());

        set("portico.api-mappings", "*/orders -> orders, prod; */shop -> shop, prod");
        Result unknown = run(CheckCommand::run);
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("no API 'shop'"), unknown.err());
    }

    @Test
    void serveAnswersEachApiByHostAndBasePath() throws Exception {
        configure(Map.of("orders", api("orders", "/{id}"), "admin", api("admin", "/users")),
                "*/orders -> orders, prod; admin.example.com -> admin, test");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ServeCommand.run(new String[] {"--port", "0", "--format", "v2"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Matcher port = Pattern.compile("http://127.0.0.1:(\\d+)/").matcher(err.toString(StandardCharsets.UTF_8));
        assertTrue(port.find(), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("admin.example.com -> admin, test"));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> order = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.group(1) + "/orders/42")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, order.statusCode(), order.body());
        assertTrue(order.body().contains("\"path\": \"/orders/42\"") && order.body().contains("\"resourcePath\": \"/{id}\""),
                order.body());
        HttpResponse<String> unmapped = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.group(1) + "/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unmapped.statusCode(), "admin is mapped for admin.example.com only");
    }

    private record Result(int status, String out, String err) {}

    private static Result run(Main.Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
