package dev.portico.tools.cli;

import dev.portico.config.PorticoConfig;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code check [--enforced-upstream NAMES] FILE}: loads a route table as the function would at start-up (every
 * template compiled, every access control either enforced or named as enforced upstream) and prints each problem,
 * one per line naming the route's method and path; a table that loads is listed route by route with the access
 * control that applies to it. Exit status 0 when it loads, 1 when it does not, 2 for a usage error, so that a CI
 * step can run it.
 */
final class CheckCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: check [--enforced-upstream NAMES] [--function-timeout SECONDS] [FILE]
              Validates a route file as the function does at start-up and prints each problem, naming the route;
              a file that loads is listed route by route with the access control that applies to it. Without
              FILE, checks the API mappings the function would serve (PORTICO_API_MAPPINGS, or
              PORTICO_API_MAPPINGS_SOURCE=dynamodb) and every API's table they name, each API on its own, and
              warns of routes a longer base path makes unreachable.
              Exit status 0 when the file loads, 1 when it does not, 2 for a usage error.
              --enforced-upstream  security schemes enforced in front of the function (default:
                                   PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM)
              --function-timeout   the function's own timeout in seconds (default 30, template.yaml's); a route
                                   whose timeoutInMillis is longer is named in a warning, since the function's
                                   deadline cuts its calls short""",
            Set.of(Cli.ENFORCED_UPSTREAM, "function-timeout"), Set.of(), Set.of());
    private static final int DEFAULT_FUNCTION_TIMEOUT_SECONDS = 30;

    private CheckCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("check", SPEC, args, out, err, line -> {
            PorticoConfig config = Cli.config();
            if (line.positional().isEmpty() && Cli.mapped(config)) {
                return MappingsCheck.run(Cli.mappedRouter(config), functionTimeoutMillis(line), out, err);
            }
            Path file = Path.of(line.positional(1, "FILE").get(0));
            long functionTimeoutMillis = functionTimeoutMillis(line);
            RouteTable table = Cli.load(file, Cli.loader(line, config));
            out.println(file + ": OK, " + table.routes().size() + " routes");
            listRoutes(table, functionTimeoutMillis, "  ", out);
            return 0;
        });
    }

    /** Each route with its access control, then a warning for each timeout the function's own cuts short. */
    static void listRoutes(RouteTable table, long functionTimeoutMillis, String indent, PrintStream out) {
        int width = table.routes().stream().mapToInt(route -> route.name().length()).max().orElse(0);
        for (Route route : table.routes()) {
            out.printf("%s%-" + width + "s  access: %s%n", indent, route.name(), route.access().describe());
        }
        for (Route route : table.routes()) {
            int timeout = route.integration().timeoutMillis();
            if (timeout > functionTimeoutMillis) {
                out.printf("warning: %s: timeoutInMillis %d is longer than the function's %d s timeout, which "
                        + "cuts its calls short (504); raise the function's Timeout to match%n", route.name(),
                        timeout, functionTimeoutMillis / 1000);
            }
        }
    }

    private static long functionTimeoutMillis(CommandLine line) {
        try {
            return 1000L * (line.option("function-timeout") == null
                    ? DEFAULT_FUNCTION_TIMEOUT_SECONDS : Integer.parseInt(line.option("function-timeout")));
        } catch (NumberFormatException e) {
            throw new UserError("--function-timeout is not a number of seconds");
        }
    }
}
