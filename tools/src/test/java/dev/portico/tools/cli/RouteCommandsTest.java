package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portico check} and {@code portico routes}. */
class RouteCommandsTest {
    /** Routes in file order, chosen so that literal, param, greedy and ANY compete for the same requests. */
    private static final List<String> ROUTES = List.of(
            "ANY /{proxy+}", "OPTIONS /{proxy+}", "GET /pets/{id}", "ANY /pets/{id}", "GET /pets/mine",
            "ANY /pets", "GET /pets", "POST /test", "GET /pets/{id}/toys/{rest+}", "GET /{kind}/mine",
            "DELETE /{kind}/{id}", "GET /", "PUT /pets/mine/{x}");
    private static final List<String> REQUESTS = List.of(
            "GET /", "POST /", "GET /pets", "DELETE /pets", "GET /pets/mine", "POST /pets/mine", "GET /pets/7",
            "PATCH /pets/7", "DELETE /cats/7", "GET /cats/mine", "DELETE /pets/mine", "OPTIONS /test",
            "POST /test", "GET /test", "GET /pets/7/toys/a/b", "PUT /pets/7/toys/a", "PUT /pets/mine/x",
            "GET /pets/mine/x", "GET /a/b/c/d", "OPTIONS /pets/7");

    @TempDir
    Path dir;

    @Test
    void checkAcceptsAGoodFile() throws Exception {
        Result result = run(CheckCommand::run, write("good.yaml", table(ROUTES)).toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("OK, 13 routes"), result.out());
    }

    @Test
    void checkNamesEachBrokenRoute() throws Exception {
        String broken = table(List.of("GET /pets")).replace("type: mock", "type: lamdba")
                + "  /orders:\n    post:\n      x-amazon-apigateway-integration:\n        type: mock\n"
                + "        requestTemplates:\n          application/json: '#if('\n";
        Result result = run(CheckCommand::run, write("bad.yaml", broken).toString());
        assertEquals(1, result.status());
        assertTrue(result.err().contains("GET /pets: unknown integration type"), result.err());
        assertTrue(result.err().lines().anyMatch(line -> line.contains("POST /orders")), result.err());
    }

    @Test
    void checkRefusesAccessControlItDoesNotEnforceAndListsEachRoutesAccess() throws Exception {
        Path file = Path.of("src/test/resources/routes/protected-sigv4.yaml");

        Result refused = run(CheckCommand::run, file.toString());
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("GET /orders: security scheme 'sigv4' is AWS_IAM authorization"),
                refused.err());

        Result upstream = run(CheckCommand::run, "--enforced-upstream", "sigv4", file.toString());
        assertEquals(0, upstream.status(), upstream.err());
        List<String> lines = upstream.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("GET /orders  access: upstream: sigv4 (AWS_IAM authorization (SigV4-signed requests))"),
                upstream.out());
        assertTrue(lines.contains("GET /health  access: none"), upstream.out());
    }

    @Test
    void checkListsTheLambdaAuthorizerPorticoEnforces() throws Exception {
        Path file = Path.of("src/test/resources/routes/protected-token-authorizer.yaml");
        Result enforced = run(CheckCommand::run, file.toString());
        assertEquals(0, enforced.status(), enforced.err());
        List<String> lines = enforced.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("GET /orders  access: authorizer: TokenAuth (a Lambda TOKEN authorizer)"), enforced.out());

        Result upstream = run(CheckCommand::run, "--enforced-upstream", "TokenAuth", file.toString());
        assertTrue(upstream.out().lines().map(String::strip).toList()
                .contains("GET /orders  access: upstream: TokenAuth (a Lambda TOKEN authorizer)"), upstream.out());
    }

    @Test
    void checkAcceptsTimeoutsOver29SecondsAndWarnsWhenTheFunctionsOwnIsShorter() throws Exception {
        Path file = write("slow.yaml", table(List.of("GET /slow")).replace("type: mock",
                "type: mock\n        timeoutInMillis: 60000"));

        Result warned = run(CheckCommand::run, file.toString());
        assertEquals(0, warned.status(), warned.err());
        assertTrue(warned.out().contains("warning: GET /slow: timeoutInMillis 60000 is longer than the function's 30 s "
                + "timeout"), warned.out());

        Result quiet = run(CheckCommand::run, "--function-timeout", "90", file.toString());
        assertEquals(0, quiet.status(), quiet.err());
        assertTrue(!quiet.out().contains("warning"), quiet.out());
    }

    @Test
    void checkReportsAMissingFileAndUsage() {
        Result missing = run(CheckCommand::run, dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.status());
        assertEquals(List.of("portico check: no such file " + dir.resolve("nope.yaml")
                + " (usage: check [--enforced-upstream NAMES] [--function-timeout SECONDS] [FILE])"),
                missing.err().lines().toList());
        assertEquals(2, run(CheckCommand::run).status());
    }

    @Test
    void routesListsMethodPathTypeAndTarget() throws Exception {
        Result result = run(RoutesCommand::run, "--routes", write("t.yaml", table(List.of("GET /pets"))).toString());
        assertEquals(0, result.status(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(List.of("METHOD", "PATH", "INTEGRATION", "TARGET", "AUTHORIZER"),
                List.of(lines.get(0).split("\\s+")));
        assertEquals(List.of("GET", "/pets", "MOCK", "-", "-"), List.of(lines.get(1).split("\\s+")));
    }

    /** For every request, the first listed route whose path and method fit is the one the matcher picks. */
    @Test
    void routesAreListedInTheMatchersPrecedence() throws Exception {
        Path file = write("precedence.yaml", table(ROUTES));
        RouteTable table = RouteTables.loader().load(file.toString(), Files.readAllBytes(file));
        List<Route> listed = table.matcher().inMatchOrder();
        assertEquals(ROUTES.size(), listed.size());

        Result printed = run(RoutesCommand::run, "--routes", file.toString());
        List<String> printedNames = printed.out().lines().skip(1)
                .map(line -> line.split("\\s+")).map(cells -> cells[0] + " " + cells[1]).toList();
        assertEquals(listed.stream().map(Route::name).toList(), printedNames);

        for (String request : REQUESTS) {
            String method = request.split(" ")[0];
            String path = request.split(" ")[1];
            Optional<String> firstFit = listed.stream()
                    .filter(route -> fits(route, method, path)).map(Route::name).findFirst();
            Optional<String> picked = table.match(method, path).map(RouteMatch::route).map(Route::name);
            assertEquals(firstFit, picked, request);
        }
    }

    private static boolean fits(Route route, String method, String path) {
        boolean methodFits = route.method().equals(method) || route.method().equals(Route.ANY);
        String regex = route.resourcePath().equals("/") ? "/"
                : route.resourcePath().replaceAll("\\{[^/]+\\+}", ".+").replaceAll("\\{[^/]+}", "[^/]+");
        return methodFits && Pattern.matches(regex, path);
    }

    /** An OpenAPI export with one MOCK operation per "METHOD /path". */
    static String table(List<String> routes) {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n");
        routes.stream().map(route -> route.split(" ")[1]).distinct().forEach(path -> {
            yaml.append("  '").append(path).append("':\n");
            routes.stream().filter(route -> route.split(" ")[1].equals(path)).forEach(route -> {
                String method = route.split(" ")[0];
                yaml.append("    ").append(method.equals("ANY") ? "x-amazon-apigateway-any-method"
                        : method.toLowerCase(Locale.ROOT)).append(":\n");
                yaml.append("""
                              x-amazon-apigateway-integration:
                                type: mock
                                requestTemplates:
                                  application/json: '{"statusCode": 200}'
                                responses:
                                  default:
                                    statusCode: "200"
                        """);
            });
        });
        return yaml.toString();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private record Result(int status, String out, String err) {}

    private static Result run(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
