package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated route tables in API Gateway's export format (OpenAPI 3 JSON, every route a MOCK with small VTL
 * templates), and requests that hit them. Route k belongs to group k/4 and is, by k%4:
 * <ol start="0">
 *   <li>{@code GET /gN/items} - literal</li>
 *   <li>{@code GET /gN/items/{id}} - one {@code {param}}</li>
 *   <li>{@code ANY /gN/any/{name}} - ANY method, with a parameter</li>
 *   <li>{@code GET /gN/files/{proxy+}} - greedy</li>
 * </ol>
 * {@code main(routes, tableFile, eventsFile, eventCount)} writes a table and a file of ALB events (one per
 * line, mixed routes) for the packaged-function benchmarks.
 */
public final class RouteGen {
    private RouteGen() {}

    public static String table(int routes) {
        StringBuilder json = new StringBuilder(routes * 400);
        json.append("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"generated-").append(routes)
                .append("\",\"version\":\"1\"},\"paths\":{");
        String[] resources = new String[routes];
        String[] methods = new String[routes];
        for (int k = 0; k < routes; k++) {
            int group = k / 4;
            switch (k % 4) {
                case 0 -> { resources[k] = "/g" + group + "/items"; methods[k] = "get"; }
                case 1 -> { resources[k] = "/g" + group + "/items/{id}"; methods[k] = "get"; }
                case 2 -> { resources[k] = "/g" + group + "/any/{name}"; methods[k] = "x-amazon-apigateway-any-method"; }
                default -> { resources[k] = "/g" + group + "/files/{proxy+}"; methods[k] = "get"; }
            }
        }
        for (int k = 0; k < routes; k++) {
            if (k > 0) {
                json.append(',');
            }
            json.append('"').append(resources[k]).append("\":{\"").append(methods[k]).append("\":{")
                    .append("\"responses\":{\"200\":{\"description\":\"ok\"}},")
                    .append("\"x-amazon-apigateway-integration\":{\"type\":\"mock\",")
                    .append("\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\": 200}\"},")
                    .append("\"responses\":{\"default\":{\"statusCode\":\"200\",\"responseTemplates\":{")
                    .append("\"application/json\":\"{\\\"route\\\": \\\"$context.resourcePath\\\", ")
                    .append("\\\"method\\\": \\\"$context.httpMethod\\\", \\\"n\\\": ").append(k).append("}\"}}}}}}");
        }
        return json.append("}}").toString();
    }

    /** A request path (and method) that the given route answers. */
    public static String[] request(int k, Random random) {
        int group = k / 4;
        return switch (k % 4) {
            case 0 -> new String[] {"GET", "/g" + group + "/items"};
            case 1 -> new String[] {"GET", "/g" + group + "/items/" + random.nextInt(100000)};
            case 2 -> new String[] {random.nextBoolean() ? "POST" : "DELETE", "/g" + group + "/any/n" + random.nextInt(1000)};
            default -> new String[] {"GET", "/g" + group + "/files/docs/" + random.nextInt(100) + "/readme.txt"};
        };
    }

    /** {@code count} requests over routes spread evenly across the table, in a random (seeded) order. */
    public static List<String[]> requests(int routes, int count, long seed) {
        Random random = new Random(seed);
        List<String[]> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(request(random.nextInt(routes), random));
        }
        return requests;
    }

    public static String albEvent(String method, String path) {
        return "{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef\"}},"
                + "\"httpMethod\":\"" + method + "\",\"path\":\"" + path + "\",\"queryStringParameters\":{},"
                + "\"headers\":{\"accept\":\"application/json\",\"host\":\"portico.example\",\"user-agent\":\"bench\"},"
                + "\"body\":\"\",\"isBase64Encoded\":false}";
    }

    public static void main(String[] args) throws IOException {
        int routes = Integer.parseInt(args[0]);
        Files.writeString(Path.of(args[1]), table(routes), StandardCharsets.UTF_8);
        if (args.length > 2) {
            int count = Integer.parseInt(args[3]);
            StringBuilder events = new StringBuilder();
            for (String[] request : requests(routes, count, 42)) {
                events.append(albEvent(request[0], request[1])).append('\n');
            }
            Files.writeString(Path.of(args[2]), events, StandardCharsets.UTF_8);
        }
    }
}
