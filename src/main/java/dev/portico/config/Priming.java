package dev.portico.config;

import com.sun.net.httpserver.HttpServer;
import dev.portico.event.Headers;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Warms a started function before a SnapStart snapshot, against nothing outside it: every distinct mapping
 * template of the served tables is parsed (and kept, so the restored function parses none at its first request),
 * and each integration type the tables use runs through the whole pipeline (event decoding for every caller format,
 * matching, mappings, the integration's own client, response encoding) on a priming table whose backend and AWS
 * endpoints are one HTTP server on 127.0.0.1, made for this and stopped after. That loads the classes and lets the
 * JIT compile the paths a first request takes. Nothing of the served tables is called, and no failure here stops
 * the snapshot: priming is best effort, logged at debug.
 */
public final class Priming {
    private static final Logger LOG = Logger.getLogger(Priming.class);
    /** Rounds of the priming requests: enough for C1 (Lambda's default tier) to compile the hot paths. */
    static final int ROUNDS = 300;
    private static final byte[] BACKEND_ANSWER = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{}\"}"
            .getBytes(StandardCharsets.UTF_8);

    private Priming() {}

    /** What priming did, for the log and tests. */
    public record Report(int templates, Set<IntegrationType> types, int requests, int answered) {}

    public static Report prime(Portico portico) {
        return prime(portico, ROUNDS);
    }

    /**
     * Whether a table the gateway serves now calls out of the function: a route whose integration is not MOCK, or
     * one behind a Lambda or Cognito authorizer. Those need the backend client; a table of MOCK routes does not.
     */
    public static boolean callsBackends(Portico portico) {
        for (RouteTable table : servedTables(portico)) {
            for (Route route : table.routes()) {
                if (route.integration() != null && route.integration().type() != IntegrationType.MOCK
                        || route.access() != null && route.access().authorizer() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What of the template engine the served tables' templates use, so that a start warms only that. */
    public enum TemplateUse {
        /** No template, or only literal ones (answered as they are, with no render). */
        NONE,
        /** Templates that render through Velocity, none with a JSON helper. */
        ENGINE,
        /** And at least one with {@code $input.json}, {@code $input.path} or {@code $util.parseJson} (JsonPath). */
        ENGINE_AND_JSON
    }

    /**
     * What the served tables' templates need of the template engine, from their texts alone (none is parsed). The
     * JSON test is a plain text search, so it may say JSON for a template that only mentions it; it never misses one.
     */
    public static TemplateUse templateUse(Portico portico) {
        TemplateUse use = TemplateUse.NONE;
        for (MappingTemplate template : distinctTemplates(servedTables(portico))) {
            if (template.isLiteral()) {
                continue;
            }
            String text = template.source();
            if (text.contains(".json") || text.contains(".path") || text.contains("parseJson")) {
                return TemplateUse.ENGINE_AND_JSON;
            }
            use = TemplateUse.ENGINE;
        }
        return use;
    }

    /**
     * Loads and initialises the template engine (Velocity, JsonPath and its JSON parser, the {@code $util} and
     * {@code $input} helpers) by compiling and rendering one small template of its own: the cost every first render
     * pays whatever its template, paid ahead. Touches no served template.
     *
     * @return whether the template rendered
     */
    public static boolean warmTemplateEngine() {
        return warmTemplateEngine(true);
    }

    /** {@link #warmTemplateEngine()}, with JsonPath and its parser only when {@code json}. */
    public static boolean warmTemplateEngine(boolean json) {
        String common = "#if($input.params('q') == '1')$input.params('q')#end $util.escapeJavaScript($input.body) "
                + "$util.urlEncode('a b') $util.base64Encode('a') $context.requestId";
        String text = json
                ? "#set($b = $input.path('$'))$input.json('$.a') $b.a $util.parseJson('{\"n\":1}').n " + common
                : common;
        try {
            Headers headers = new Headers().add("Accept", "application/json").freeze();
            TemplateInput input = new TemplateInput("{\"a\":[1,\"x\"]}", Map.of(), Map.of("q", List.of("1")), headers,
                    new HashMap<>(Map.of("requestId", "warm-up")), Map.of());
            return !RouteTables.compiler().compile("warm-up", text).render(input).isEmpty();
        } catch (RuntimeException e) {
            LOG.debugf("warm-up: template engine not exercised: %s", e);
            return false;
        }
    }

    /** {@link #prime(Portico)} with {@code rounds} rounds of the priming requests. */
    static Report prime(Portico portico, int rounds) {
        List<RouteTable> tables = servedTables(portico);
        int templates = renderTemplates(tables);
        Set<IntegrationType> types = EnumSet.noneOf(IntegrationType.class);
        tables.forEach(table -> table.routes().forEach(route -> {
            if (route.integration() != null) {
                types.add(route.integration().type());
            }
        }));
        int[] counts = new int[2];
        if (!types.isEmpty()) {
            try {
                exercise(types, portico.settings(), rounds, counts);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("priming: integrations not exercised: %s", e);
            }
        }
        Report report = new Report(templates, types, counts[0], counts[1]);
        LOG.debugf("priming: %s", report);
        return report;
    }

    private static List<RouteTable> servedTables(Portico portico) {
        List<RouteTable> tables = new ArrayList<>();
        for (ApiRouter.Api api : portico.router().apis()) {
            try {
                RouteTable table = api.routes().get();
                if (table != null) {
                    tables.add(table);
                }
            } catch (RuntimeException e) {
                LOG.debugf("priming: api %s has no table: %s", api.name(), e);
            }
        }
        return tables;
    }

    /** Renders each distinct template once with an empty request: it is parsed now and kept by its table. */
    private static int renderTemplates(List<RouteTable> tables) {
        Set<MappingTemplate> seen = distinctTemplates(tables);
        TemplateInput empty = new TemplateInput("", Map.of(), Map.of(), new Headers(), Map.of(), Map.of());
        for (MappingTemplate template : seen) {
            try {
                template.render(empty);
            } catch (RuntimeException e) {
                // a template may need a request to render; it is parsed all the same
            }
        }
        return seen.size();
    }

    private static Set<MappingTemplate> distinctTemplates(List<RouteTable> tables) {
        Map<MappingTemplate, Boolean> seen = new IdentityHashMap<>();
        for (RouteTable table : tables) {
            for (Route route : table.routes()) {
                IntegrationDefinition integration = route.integration();
                if (integration == null) {
                    continue;
                }
                integration.requestTemplates().values().forEach(t -> seen.put(t, Boolean.TRUE));
                for (IntegrationResponseDefinition response : integration.responses()) {
                    response.responseTemplates().values().forEach(t -> seen.put(t, Boolean.TRUE));
                }
            }
            for (GatewayResponseDefinition response : table.gatewayResponses().values()) {
                response.responseTemplates().values().forEach(t -> seen.put(t, Boolean.TRUE));
            }
        }
        return seen.keySet();
    }

    private static void exercise(Set<IntegrationType> types, PorticoSettings settings, int rounds, int[] counts)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BACKEND_ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BACKEND_ANSWER);
            }
        });
        server.start();
        try {
            String local = "http://127.0.0.1:" + server.getAddress().getPort();
            PorticoSettings primed = settings.withAwsEndpointOverrides(Map.of("lambda", local, "sqs", local));
            RouteTable table = RouteTables.loader().load("priming", table(types, local, settings.region())
                    .getBytes(StandardCharsets.UTF_8));
            Portico portico = Portico.create(table, primed);
            List<byte[]> events = new ArrayList<>();
            for (IntegrationType type : types) {
                String path = "/prime/" + type.name().toLowerCase();
                events.add(alb("POST", path + (type == IntegrationType.HTTP_PROXY ? "/x" : "")));
            }
            if (types.contains(IntegrationType.MOCK)) {
                events.add(v1("/prime/mock"));
                events.add(v2("/prime/mock"));
            }
            for (int round = 0; round < rounds; round++) {
                for (byte[] event : events) {
                    counts[0]++;
                    String answer = new String(portico.handle(event), StandardCharsets.UTF_8);
                    if (answer.contains("\"statusCode\":200") || answer.contains("\"statusCode\": 200")) {
                        counts[1]++;
                    }
                }
            }
        } finally {
            server.stop(0);
        }
    }

    /** One route per integration type used, each calling the local server (MOCK calls nothing). */
    static String table(Set<IntegrationType> types, String local, String region) {
        StringBuilder paths = new StringBuilder();
        String template = "\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\": 200, \\\"q\\\": "
                + "\\\"$util.escapeJavaScript($input.params('q'))\\\", \\\"body\\\": $input.json('$')}\"}";
        String response = "\"responses\":{\"default\":{\"statusCode\":\"200\",\"responseTemplates\":{"
                + "\"application/json\":\"#set($b = $input.path('$'))$input.json('$')\"}}}";
        for (IntegrationType type : types) {
            String name = type.name().toLowerCase();
            String integration = switch (type) {
                case MOCK -> "\"type\":\"mock\"," + template + "," + response;
                case HTTP -> "\"type\":\"http\",\"httpMethod\":\"POST\",\"uri\":\"" + local + "/http\"," + template
                        + "," + response;
                case HTTP_PROXY -> "\"type\":\"http_proxy\",\"httpMethod\":\"ANY\",\"uri\":\"" + local
                        + "/{proxy}\",\"requestParameters\":{\"integration.request.path.proxy\":"
                        + "\"method.request.path.proxy\"}";
                case AWS_PROXY -> "\"type\":\"aws_proxy\",\"httpMethod\":\"POST\",\"uri\":\"arn:aws:apigateway:"
                        + region + ":lambda:path/2015-03-31/functions/arn:aws:lambda:" + region
                        + ":000000000000:function:prime/invocations\"";
                case AWS -> "\"type\":\"aws\",\"httpMethod\":\"POST\",\"uri\":\"arn:aws:apigateway:" + region
                        + ":sqs:path/000000000000/prime\",\"requestParameters\":{"
                        + "\"integration.request.header.Content-Type\":\"'application/x-www-form-urlencoded'\"},"
                        + "\"requestTemplates\":{\"application/json\":\"Action=SendMessage&MessageBody="
                        + "$util.urlEncode($input.body)\"}," + response;
            };
            String resource = type == IntegrationType.HTTP_PROXY ? "/prime/" + name + "/{proxy+}" : "/prime/" + name;
            if (!paths.isEmpty()) {
                paths.append(',');
            }
            paths.append('"').append(resource).append("\":{\"x-amazon-apigateway-any-method\":{")
                    .append(type == IntegrationType.HTTP_PROXY
                            ? "\"parameters\":[{\"name\":\"proxy\",\"in\":\"path\",\"required\":true}]," : "")
                    .append("\"x-amazon-apigateway-integration\":{").append(integration).append("}}}");
        }
        return "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"priming\",\"version\":\"1\"},\"paths\":{" + paths + "}}";
    }

    private static byte[] alb(String method, String path) {
        return ("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:"
                + "000000000000:targetgroup/prime/0000000000000000\"}},\"httpMethod\":\"" + method + "\",\"path\":\""
                + path + "\",\"queryStringParameters\":{\"q\":\"a%20b\"},\"headers\":{\"accept\":\"application/json\","
                + "\"content-type\":\"application/json\",\"host\":\"prime.local\",\"user-agent\":\"priming\"},"
                + "\"body\":\"{\\\"n\\\": 1}\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] v1(String path) {
        return ("{\"resource\":\"" + path + "\",\"path\":\"" + path + "\",\"httpMethod\":\"GET\",\"headers\":"
                + "{\"Host\":\"prime.local\",\"Accept\":\"application/json\"},\"multiValueHeaders\":{\"Host\":"
                + "[\"prime.local\"],\"Accept\":[\"application/json\"]},\"queryStringParameters\":null,"
                + "\"multiValueQueryStringParameters\":null,\"pathParameters\":null,\"stageVariables\":null,"
                + "\"requestContext\":{\"resourcePath\":\"" + path + "\",\"httpMethod\":\"GET\",\"path\":\"/prod"
                + path + "\",\"stage\":\"prod\",\"requestId\":\"prime\",\"identity\":{\"sourceIp\":\"127.0.0.1\"}},"
                + "\"body\":null,\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] v2(String path) {
        return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":"
                + "\"q=1\",\"headers\":{\"host\":\"prime.local\",\"accept\":\"application/json\"},\"requestContext\":"
                + "{\"http\":{\"method\":\"GET\",\"path\":\"" + path + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":"
                + "\"127.0.0.1\",\"userAgent\":\"priming\"},\"requestId\":\"prime\",\"stage\":\"$default\"},"
                + "\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
    }
}
