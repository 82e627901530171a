package dev.portico.tools.cli;

import dev.portico.gateway.ApiRouter;
import dev.portico.route.ApiMapping;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check} without a file: the API mappings the function would serve, then each API's table on its own, as
 * the function loads them (one broken table does not stop the others being checked), then the routes that a longer
 * base path of the same host takes from them: a request for {@code /orders/beta/1} goes to the mapping
 * {@code /orders/beta} when there is one, so the route {@code /beta/{id}} of the API at {@code /orders} is never
 * reached ("the longest matching path", https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
 */
final class MappingsCheck {
    private MappingsCheck() {}

    /** @return 0 when the mappings and every table load, else 1 */
    static int run(ApiRouter router, long functionTimeoutMillis, PrintStream out, PrintStream err) {
        List<ApiRouter.Entry> entries = Cli.inSelectionOrder(router);
        if (entries.isEmpty()) {
            err.println("no API mappings: every request would be answered 403 Missing Authentication Token");
            return 1;
        }
        out.println("API mappings: OK, " + entries.size());
        entries.forEach(entry -> out.println("  " + entry.mapping()));
        Map<String, RouteTable> loaded = new LinkedHashMap<>();
        int status = 0;
        for (ApiRouter.Entry entry : entries) {
            String api = entry.mapping().api();
            if (loaded.containsKey(api)) {
                continue;
            }
            try {
                RouteTable table = entry.api().routes().get();
                loaded.put(api, table);
                out.println("api " + api + ": OK, " + table.routes().size() + " routes");
                CheckCommand.listRoutes(table, functionTimeoutMillis, "  ", out);
            } catch (RuntimeException e) {
                loaded.put(api, null);
                err.println("api " + api + ": " + e.getMessage());
                status = 1;
            }
        }
        for (ApiRouter.Entry shorter : entries) {
            for (ApiRouter.Entry longer : entries) {
                warnShadowed(shorter.mapping(), longer.mapping(), loaded.get(shorter.mapping().api()), out);
            }
        }
        return status;
    }

    private static void warnShadowed(ApiMapping shorter, ApiMapping longer, RouteTable table, PrintStream out) {
        String base = shorter.basePath();
        if (table == null || !shorter.host().equals(longer.host()) || longer.basePath().length() <= base.length()
                || !longer.basePath().startsWith(base + "/")) {
            return;
        }
        String taken = longer.basePath().substring(base.length());
        for (Route route : table.routes()) {
            String path = route.resourcePath();
            if (path.equals(taken) || path.startsWith(taken + "/")) {
                out.printf("warning: %s of '%s' is never reached: '%s' takes %s%s/...%n", route.name(), shorter,
                        longer, shorter.host(), longer.basePath());
            }
        }
    }
}
