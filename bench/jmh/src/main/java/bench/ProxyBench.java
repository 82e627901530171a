package bench;

import com.sun.net.httpserver.HttpServer;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.event.Headers;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendResponse;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.Integrations;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.route.IntegrationType;
import dev.portico.route.openapi.RouteTables;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * HTTP_PROXY added latency: a local backend answers POST /echo with a 1 KB body; each round sends one
 * request (1 KB body) directly from this JVM, one through Portico's handler (an ALB event to an
 * {@code ANY /{proxy+}} HTTP_PROXY route) and one through nginx as a reverse proxy to the same backend.
 * The added part of a round is its proxied time minus its direct time.
 * <pre>  ProxyBench WORK BACKEND_PORT NGINX_PORT REQUESTS [--force]   (-Dbench.warmup=ROUNDS, default 6,000)</pre>
 */
public final class ProxyBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int backendPort = Integer.parseInt(args[1]);
        int nginxPort = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        boolean force = args.length > 4 && args[4].equals("--force");
        FunctionLogging.asInTheFunction();
        Path out = work.resolve("results/proxy.tsv");
        Files.createDirectories(out.getParent());

        if (!Integrations.standard(PorticoSettings.defaults()).containsKey(IntegrationType.HTTP_PROXY) && !force) {
            System.out.println("skipped: HTTP_PROXY not built");
            Files.writeString(out, "skipped\tHTTP_PROXY not built\n");
            return;
        }

        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'x');
        // Without TCP_NODELAY the backend's separate header and body writes meet delayed ACKs: 40 ms stalls.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", backendPort), 64);
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, payload.length);
            exchange.getResponseBody().write(payload);
            exchange.close();
        });
        backend.setExecutor(Executors.newFixedThreadPool(2));
        backend.start();

        String table = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"proxy\",\"version\":\"1\"},\"paths\":{\"/{proxy+}\":{"
                + "\"x-amazon-apigateway-any-method\":{\"parameters\":[{\"name\":\"proxy\",\"in\":\"path\",\"required\":true,"
                + "\"schema\":{\"type\":\"string\"}}],\"responses\":{\"200\":{\"description\":\"ok\"}},"
                + "\"x-amazon-apigateway-integration\":{\"type\":\"http_proxy\",\"httpMethod\":\"ANY\","
                + "\"uri\":\"http://127.0.0.1:" + backendPort + "/{proxy}\",\"passthroughBehavior\":\"when_no_match\","
                + "\"requestParameters\":{\"integration.request.path.proxy\":\"method.request.path.proxy\"}}}}}}";
        Portico portico = Portico.create(RouteTables.loader().load("proxy.json", table.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults());
        String body = new String(payload, StandardCharsets.US_ASCII);
        byte[] event = ("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef\"}},"
                + "\"httpMethod\":\"POST\",\"path\":\"/echo\",\"queryStringParameters\":{},"
                + "\"headers\":{\"content-type\":\"text/plain\",\"host\":\"portico.example\",\"user-agent\":\"bench\"},"
                + "\"body\":\"" + body + "\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

        // The direct and nginx paths use the very client Portico's HTTP_PROXY uses (pooled keep-alive Vert.x), so
        // the client leg is the same on all three paths and the difference is the proxy's own work.
        VertxBackendClient client = new VertxBackendClient();
        Headers plain = new Headers().set("Content-Type", "text/plain").freeze();
        BackendRequest direct = new BackendRequest("POST", BackendUri.of("http://127.0.0.1:" + backendPort + "/echo",
                Map.of(), Map.of(), Set.of(), List.of()), plain, payload, 29_000, false);
        BackendRequest viaNginx = new BackendRequest("POST", BackendUri.of("http://127.0.0.1:" + nginxPort + "/echo",
                Map.of(), Map.of(), Set.of(), List.of()), plain, payload, 29_000, false);

        String check = new String(portico.handle(event), StandardCharsets.UTF_8);
        System.out.println("[bench] Portico HTTP_PROXY answers: " + check.substring(0, Math.min(200, check.length())));
        boolean porticoOk = check.contains("\"statusCode\":200") && check.contains(body);

        // Warm-up rounds (-Dbench.warmup, default 6,000): enough that Portico's path is C2-compiled before anything
        // is counted, as in a function that serves traffic; nginx is native code from its first request. With
        // 1,000 rounds Portico's path was still partly interpreted or C1 code and its added latency read 148 µs,
        // against 37 µs after 6,000 (BENCHMARKS.md section 10b).
        int warmup = Integer.getInteger("bench.warmup", Math.max(6000, requests / 5));
        double[] directUs = new double[requests];
        double[] porticoUs = new double[requests];
        double[] nginxUs = new double[requests];
        for (int i = -warmup; i < requests; i++) {
            // one request of each kind per round, in rotating order so none always goes first
            double d = 0, p = 0, n = 0;
            for (int k = 0; k < 3; k++) {
                switch ((i + k + warmup) % 3) {
                    case 0 -> d = time(() -> send(client, direct));
                    case 1 -> p = time(() -> portico.handle(event));
                    default -> n = time(() -> send(client, viaNginx));
                }
            }
            if (i >= 0) {
                directUs[i] = d;
                porticoUs[i] = p;
                nginxUs[i] = n;
            }
        }
        backend.stop(0);

        double[] porticoAdded = new double[requests];
        double[] nginxAdded = new double[requests];
        for (int i = 0; i < requests; i++) {
            porticoAdded[i] = porticoUs[i] - directUs[i];
            nginxAdded[i] = nginxUs[i] - directUs[i];
        }
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            String note = porticoOk ? "" : "portico_answer_not_200";
            tsv.println(new Stats(directUs).line("proxy", "direct (same JVM, same Vert.x client)", "total", "us", ""));
            tsv.println(new Stats(porticoUs).line("proxy", "Portico handler, HTTP_PROXY", "total", "us", note));
            tsv.println(new Stats(nginxUs).line("proxy", "nginx reverse proxy", "total", "us", ""));
            tsv.println(new Stats(porticoAdded).line("proxy", "Portico handler, HTTP_PROXY", "added", "us", note));
            tsv.println(new Stats(nginxAdded).line("proxy", "nginx reverse proxy", "added", "us", ""));
        }
        System.out.printf(Locale.ROOT, "[bench] HTTP_PROXY added: Portico median %.1f us, nginx median %.1f us%n",
                new Stats(porticoAdded).median, new Stats(nginxAdded).median);
        System.exit(0);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double time(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e3;
    }

    private static void send(VertxBackendClient client, BackendRequest request) {
        BackendResponse response = client.send(request);
        if (response.status() != 200 || response.body().length != 1024) {
            throw new IllegalStateException("backend answered " + response.status());
        }
    }
}
