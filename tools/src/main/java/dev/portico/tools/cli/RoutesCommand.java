package dev.portico.tools.cli;

import dev.portico.config.PorticoConfig;
import dev.portico.gateway.ApiRouter;
import dev.portico.route.AuthorizerDefinition;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code routes [--routes FILE]}: the route table as a list of method, path, integration type, target (URI, or
 * {@code -} for MOCK) and the authorizer Portico enforces, in the order the matcher prefers the routes. With API mappings configured (and no
 * {@code --routes}), every mapping's API, in the order a request tries the mappings, each route under its host and
 * base path as a client calls it; an API whose table does not load is named on stderr, the others listed.
 */
final class RoutesCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: routes [--routes FILE] [--enforced-upstream NAMES]
              Lists the route table (method, path, integration type, target, authorizer) in the order the
              matcher prefers the routes. FILE defaults to PORTICO_ROUTES, else the bundled example. With API mappings
              (PORTICO_API_MAPPINGS, or PORTICO_API_MAPPINGS_SOURCE=dynamodb) and no --routes, lists each
              mapping's API and stage, each route under its host and base path, in the order requests try them;
              exit status 1 when an API's table does not load.""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT), Set.of(), Set.of());

    private RoutesCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("routes", SPEC, args, out, err, line -> {
            line.positional(0, "nothing");
            PorticoConfig config = Cli.config();
            if (line.option(Cli.ROUTES) == null && Cli.mapped(config)) {
                return mapped(Cli.mappedRouter(config), out, err);
            }
            Path file = Cli.routes(line, config);
            RouteTable table = Cli.load(file, Cli.loader(line, config));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"METHOD", "PATH", "INTEGRATION", "TARGET", "AUTHORIZER"});
            for (Route route : table.matcher().inMatchOrder()) {
                rows.add(row(route, route.resourcePath()));
            }
            print(rows, out);
            return 0;
        });
    }

    private static int mapped(ApiRouter router, PrintStream out, PrintStream err) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "METHOD", "PATH", "API", "INTEGRATION", "TARGET", "AUTHORIZER"});
        int status = 0;
        for (ApiRouter.Entry entry : Cli.inSelectionOrder(router)) {
            RouteTable table;
            try {
                table = entry.api().routes().get();
            } catch (RuntimeException e) {
                err.println(entry.mapping() + ": " + e.getMessage());
                status = 1;
                continue;
            }
            String api = entry.mapping().api() + ", " + entry.mapping().stage();
            for (Route route : table.matcher().inMatchOrder()) {
                String path = entry.mapping().basePath() + (entry.mapping().basePath().isEmpty()
                        || !route.resourcePath().equals("/") ? route.resourcePath() : "");
                String[] cells = row(route, path);
                rows.add(new String[] {entry.mapping().host(), cells[0], cells[1], api, cells[2], cells[3], cells[4]});
            }
        }
        if (router.mappings().isEmpty()) {
            err.println("no API mappings: every request is answered 403");
        }
        print(rows, out);
        return status;
    }

    private static String[] row(Route route, String path) {
        String uri = route.integration().uri();
        return new String[] {route.method(), path, route.integration().type().name(), uri == null ? "-" : uri,
                authorizer(route)};
    }

    private static void print(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns - 1];
        rows.forEach(row -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(text.append(row[columns - 1]));
        }
    }

    /**
     * The route's authorizer as one word, {@code NAME:TYPE}, with a Cognito method's scopes after {@code +}:
     * {@code TokenAuth:TOKEN}, {@code Pool:COGNITO_USER_POOLS+orders/read}; {@code -} for none.
     */
    static String authorizer(Route route) {
        AuthorizerDefinition authorizer = route.access().authorizer();
        if (authorizer == null) {
            return "-";
        }
        return authorizer.name() + ":" + authorizer.type()
                + (authorizer.scopes().isEmpty() ? "" : "+" + String.join("+", authorizer.scopes()));
    }
}
