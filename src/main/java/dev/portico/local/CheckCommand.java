package dev.portico.local;

import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.route.RouteTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code check FILE}: loads a route table as the function would at start-up (every template compiled) and prints
 * each problem, one per line naming the route's method and path. Exit status 0 when it loads, 1 when it does not,
 * 2 for a usage error, so that a CI step can run it.
 */
public final class CheckCommand {
    private CheckCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: check FILE");
            return 2;
        }
        Path file = Path.of(args[0]);
        try {
            RouteTable table = RouteTables.loader().load(file.toString(), Files.readAllBytes(file));
            out.println(file + ": OK, " + table.routes().size() + " routes");
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
