package bench;

import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Route matching over generated tables (see {@link RouteGen}) loaded through the real loader. One sample is
 * {@value #BATCH} matches of different requests spread over the whole table (a single ~100 ns match is too
 * short for the timer), so each figure is the time per match within a batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteMatchBench {
    static final int BATCH = 64;
    private static final int REQUESTS = 4096; // a power of two, for the index mask

    @Param({"10", "1000", "10000"})
    public int routes;

    private RouteTable table;
    private String[] methods;
    private String[] paths;
    private int next;

    @Setup
    public void setUp() {
        byte[] json = RouteGen.table(routes).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        table = RouteTables.loader().load("generated-" + routes + ".json", json);
        System.out.printf("[bench] loaded %d routes in %.0f ms%n", table.routes().size(), (System.nanoTime() - start) / 1e6);
        List<String[]> requests = RouteGen.requests(routes, REQUESTS, 7);
        methods = new String[REQUESTS];
        paths = new String[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            methods[i] = requests.get(i)[0];
            paths[i] = requests.get(i)[1];
            if (table.match(methods[i], paths[i]).isEmpty()) {
                throw new IllegalStateException("no match for " + methods[i] + " " + paths[i]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void match(Blackhole blackhole) {
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            int index = (i + n) & (REQUESTS - 1);
            Optional<RouteMatch> match = table.match(methods[index], paths[index]);
            blackhole.consume(match);
        }
        next = (i + BATCH) & (REQUESTS - 1);
    }
}
