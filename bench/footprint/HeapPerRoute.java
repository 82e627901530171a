import dev.portico.route.RouteTable;
import dev.portico.route.openapi.CompactRouteTable;
import dev.portico.route.openapi.RouteTables;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Live heap per route: the heap in use after a full collection with the loaded table held, minus the same
 * before the load (Portico's classes, Velocity's engine and a one-route warm-up load already in place), divided
 * by the number of routes. Run with the function's own class path (bench/footprint.sh does).
 * With a fourth argument, the bundled table's compact form of the same routes (routes/api.routes of a jar built
 * with -Dportico.api=TABLE.json), the same for the table as the function reads it back at start.
 * usage: java -cp CLASSPATH bench/footprint/HeapPerRoute.java TABLE.json ROUTES WARMUP.json [TABLE.routes]
 */
public final class HeapPerRoute {
    public static void main(String[] args) throws Exception {
        byte[] content = Files.readAllBytes(Path.of(args[0]));
        int routes = Integer.parseInt(args[1]);
        // Warm-up: the engine, the loader's classes and their statics are not per route.
        RouteTables.loader().load("warm-up", Files.readAllBytes(Path.of(args[2])));
        long before = used();
        long start = System.nanoTime();
        RouteTable table = RouteTables.loader().load("measured", content);
        long loadNanos = System.nanoTime() - start;
        content = null;
        long after = used();
        System.out.printf("routes %d, load %.0f ms, live heap %d bytes, %d bytes per route%n", table.routes().size(),
                loadNanos / 1e6, after - before, (after - before) / routes);
        if (args.length > 3) {
            byte[] compact = Files.readAllBytes(Path.of(args[3]));
            table = null;
            CompactRouteTable.read("warm-up", compact, RouteTables.compiler()); // its classes, once
            before = used();
            RouteTable read = CompactRouteTable.read("measured", compact, RouteTables.compiler());
            compact = null;
            after = used();
            System.out.printf("routes %d read back from the bundled compact form, live heap %d bytes, %d bytes per "
                    + "route%n", read.routes().size(), after - before, (after - before) / routes);
        }
    }

    private static long used() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
