package dev.portico.local;

import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code routes [--routes FILE]}: the route table as a list of method, path, integration type and target
 * (URI, or {@code -} for MOCK), in the order the matcher prefers the routes.
 */
public final class RoutesCommand {
    private RoutesCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status: 0, 1 for a table that does not load, 2 for a usage error */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file;
        CommandLine line;
        try {
            line = CommandLine.parse(args, "routes", "project", "enforced-upstream");
            file = line.routes();
        } catch (IllegalArgumentException e) {
            err.println("routes: " + e.getMessage() + "\nusage: routes [--routes FILE]");
            return 2;
        }
        RouteTable table;
        try {
            table = RouteTables.loader(line.enforcedUpstream()).load(file.toString(), Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            err.println(CheckCommand.describe(file, e));
            return 1;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METHOD", "PATH", "INTEGRATION", "TARGET"});
        for (Route route : table.matcher().inMatchOrder()) {
            String uri = route.integration().uri();
            rows.add(new String[] {route.method(), route.resourcePath(), route.integration().type().name(),
                    uri == null ? "-" : uri});
        }
        int[] widths = new int[3];
        rows.forEach(row -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        rows.forEach(row -> out.printf("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n",
                (Object[]) row));
        return 0;
    }
}
