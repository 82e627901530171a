package dev.portico.route.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Generated API Gateway exports, and a stand-in for RouteTableLoader (built on another branch) that parses
 * them: it reads the YAML, insists on an integration per operation, and builds the routes. Every operationId
 * carries the document's generation, so a table stitched from two versions would show.
 */
public final class FakeOpenApi {
    /** SnakeYAML stops at 3 MB by default; 10,000 routes are about 5 MB. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build());

    private FakeOpenApi() {}

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return options;
    }

    /** A valid export of {@code routes} MOCK routes, all marked with {@code generation}. */
    public static byte[] document(int generation, int routes) {
        StringBuilder yaml = new StringBuilder("""
                openapi: 3.0.1
                info:
                  title: generated
                  version: "%d"
                paths:
                """.formatted(generation));
        for (int i = 0; i < routes; i++) {
            yaml.append("""
                      /items/r%d/{id}:
                        get:
                          operationId: g%d-r%d
                          parameters:
                            - name: id
                              in: path
                              required: true
                              schema:
                                type: string
                          x-amazon-apigateway-integration:
                            type: mock
                            requestTemplates:
                              application/json: '{"statusCode": 200}'
                            responses:
                              default:
                                statusCode: "200"
                                responseTemplates:
                                  application/json: '{"route": %d, "generation": %d}'
                    """.formatted(i, generation, i, i, generation));
        }
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Well-formed YAML whose one operation has no integration. */
    public static byte[] invalid() {
        return """
                openapi: 3.0.1
                info: {title: broken, version: "0"}
                paths:
                  /nowhere:
                    get:
                      operationId: broken
                """.getBytes(StandardCharsets.UTF_8);
    }

    public static RouteTable parse(String source, byte[] content) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (IOException e) {
            throw new InvalidRouteTableException(source + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.hasNonNull("openapi")) {
            throw new InvalidRouteTableException(source + ": not an OpenAPI 3 document");
        }
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!op.getValue().has("x-amazon-apigateway-integration")) {
                    throw new InvalidRouteTableException(
                            method + " " + path.getKey() + ": no x-amazon-apigateway-integration");
                }
                routes.add(new Route(path.getKey(), method, op.getValue().path("operationId").asText(null),
                        List.of(), null, null));
            }
        }
        return new RouteTable(source, new RouteMatcher(routes));
    }

    /** The generation every route of the table is marked with; fails on a table that mixes generations. */
    public static int generation(RouteTable table) {
        int generation = Integer.parseInt(table.routes().get(0).operationId().replaceAll("^g(\\d+)-.*", "$1"));
        for (Route route : table.routes()) {
            if (!route.operationId().startsWith("g" + generation + "-")) {
                throw new AssertionError("table mixes generation " + generation + " with " + route.operationId());
            }
        }
        return generation;
    }
}
