package dev.portico.local;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code check [--enforced-upstream SCHEME,...] FILE}: loads a route table as the function would at start-up
 * (every template compiled, every access control either enforced or named as enforced upstream) and prints each
 * problem, one per line naming the route's method and path; a table that loads is listed route by route with the
 * access control that applies to it. Exit status 0 when it loads, 1 when it does not,
 * 2 for a usage error, so that a CI step can run it.
 */
public final class CheckCommand {
    private CheckCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args, "enforced-upstream");
        } catch (IllegalArgumentException e) {
            line = null;
        }
        if (line == null || line.positional().size() != 1) {
            err.println("usage: check [--enforced-upstream SCHEME,...] FILE");
            return 2;
        }
        Path file = Path.of(line.positional().get(0));
        try {
            RouteTable table = RouteTables.loader(line.enforcedUpstream()).load(file.toString(), Files.readAllBytes(file));
            out.println(file + ": OK, " + table.routes().size() + " routes");
            int width = table.routes().stream().mapToInt(route -> route.name().length()).max().orElse(0);
            for (Route route : table.routes()) {
                out.printf("  %-" + width + "s  access: %s%n", route.name(), route.access().describe());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(describe(file, e));
            return 1;
        }
    }

    /** What went wrong loading {@code file}: the loader's message (one problem per line) or the I/O failure. */
    static String describe(Path file, Exception e) {
        if (e instanceof InvalidRouteTableException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        return file + ": " + e;
    }
}
