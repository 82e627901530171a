package dev.portico.tools.cli;

import dev.portico.config.PorticoConfig;
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
 * {@code -} for MOCK) and the authorizer Portico enforces, in the order the matcher prefers the routes.
 */
final class RoutesCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: routes [--routes FILE] [--enforced-upstream NAMES]
              Lists the route table (method, path, integration type, target, authorizer) in the order the
              matcher prefers the routes. FILE defaults to PORTICO_ROUTES, else the bundled example.""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT), Set.of(), Set.of());

    private RoutesCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("routes", SPEC, args, out, err, line -> {
            line.positional(0, "nothing");
            PorticoConfig config = Cli.config();
            Path file = Cli.routes(line, config);
            RouteTable table = Cli.load(file, Cli.loader(line, config));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"METHOD", "PATH", "INTEGRATION", "TARGET", "AUTHORIZER"});
            for (Route route : table.matcher().inMatchOrder()) {
                String uri = route.integration().uri();
                rows.add(new String[] {route.method(), route.resourcePath(), route.integration().type().name(),
                        uri == null ? "-" : uri, authorizer(route)});
            }
            int[] widths = new int[4];
            rows.forEach(row -> {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            });
            rows.forEach(row -> out.printf("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %-"
                    + widths[3] + "s  %s%n", (Object[]) row));
            return 0;
        });
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
