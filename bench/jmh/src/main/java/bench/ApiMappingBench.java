package bench;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.gateway.ApiRouter;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Routing with API mappings against routing one large table (issue #17): 20 APIs of 500 routes each behind one
 * function, each mapped at its own base path ({@code api.example.com/api0} ... {@code /api19}, API Gateway's
 * custom domain API mappings), against one table of the same 10,000 routes. Three figures, nanoseconds per
 * request within a batch of {@value #BATCH} different requests spread over every API (as {@link RouteMatchBench}):
 * {@code oneTable}, the match in the 10,000-route table; {@code mapped}, the mapping step ({@link ApiRouter#select},
 * the host, the base path and the stripped request) then the match in the chosen API's table; {@code mappingStep},
 * the mapping step alone. The mapping step must stay a small fraction of the match.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiMappingBench {
    static final int BATCH = 64;
    static final int APIS = 20;
    static final int ROUTES_PER_API = 500;
    private static final int REQUESTS = 4096; // a power of two, for the index mask

    private RouteTable oneTable;
    private String[] methods;
    private String[] paths;
    private ApiRouter router;
    private IncomingRequest[] mapped;
    private int next;

    @Setup
    public void setUp() {
        oneTable = RouteTables.loader().load("generated-10000.json",
                RouteGen.table(APIS * ROUTES_PER_API).getBytes(StandardCharsets.UTF_8));
        List<String[]> requests = RouteGen.requests(APIS * ROUTES_PER_API, REQUESTS, 7);
        methods = new String[REQUESTS];
        paths = new String[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            methods[i] = requests.get(i)[0];
            paths[i] = requests.get(i)[1];
            if (oneTable.match(methods[i], paths[i]).isEmpty()) {
                throw new IllegalStateException("no match for " + methods[i] + " " + paths[i]);
            }
        }

        RouteTable apiTable = RouteTables.loader().load("generated-500.json",
                RouteGen.table(ROUTES_PER_API).getBytes(StandardCharsets.UTF_8));
        List<ApiMapping> mappings = new ArrayList<>();
        List<ApiRouter.Api> apis = new ArrayList<>();
        PorticoSettings settings = PorticoSettings.defaults();
        for (int a = 0; a < APIS; a++) {
            // Each API its own table: the same generated routes, loaded once per API as the function would.
            RouteTable table = a == 0 ? apiTable : RouteTables.loader().load("generated-500-" + a + ".json",
                    RouteGen.table(ROUTES_PER_API).getBytes(StandardCharsets.UTF_8));
            mappings.add(ApiMapping.of("api.example.com", "/api" + a, "api" + a, "prod"));
            apis.add(new ApiRouter.Api("api" + a, () -> table, settings.withStage("prod")));
        }
        router = ApiRouter.mapped(mappings, apis);
        Random random = new Random(11);
        List<String[]> perApi = RouteGen.requests(ROUTES_PER_API, REQUESTS, 13);
        mapped = new IncomingRequest[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            String path = "/api" + random.nextInt(APIS) + perApi.get(i)[1];
            mapped[i] = new IncomingRequest(CallerFormat.ALB, perApi.get(i)[0], path, Map.of(), Headers.empty(),
                    new byte[0], false, "203.0.113.1", "req-" + i, 0L, "api.example.com");
            if (route(mapped[i]) == null) {
                throw new IllegalStateException("no match for " + path);
            }
        }
    }

    private Object route(IncomingRequest request) {
        ApiRouter.Selection selection = router.select(request);
        IncomingRequest stripped = selection.request();
        return selection.api().routes().get().match(stripped.httpMethod(), stripped.routingPath()).orElse(null);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void oneTable(Blackhole blackhole) {
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            int index = (i + n) & (REQUESTS - 1);
            blackhole.consume(oneTable.match(methods[index], paths[index]));
        }
        next = (i + BATCH) & (REQUESTS - 1);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mapped(Blackhole blackhole) {
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            blackhole.consume(route(mapped[(i + n) & (REQUESTS - 1)]));
        }
        next = (i + BATCH) & (REQUESTS - 1);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mappingStep(Blackhole blackhole) {
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            blackhole.consume(router.select(mapped[(i + n) & (REQUESTS - 1)]));
        }
        next = (i + BATCH) & (REQUESTS - 1);
    }
}
