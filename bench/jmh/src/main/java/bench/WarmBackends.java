package bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The backends of {@link WarmPathBench}, in a process of their own so that their allocations stay out of the
 * measured JVM's: {@code POST /2015-03-31/functions/fn/invocations} answers as a Lambda function behind an AWS_PROXY
 * route does (a proxy response of 5 bytes); every other path answers 200 with 1 KB of text, whatever it was sent.
 * <pre>  WarmBackends PORT</pre>
 */
public final class WarmBackends {

    public static void main(String[] args) throws Exception {
        byte[] kilobyte = new byte[1024];
        Arrays.fill(kilobyte, (byte) 'x');
        byte[] proxyAnswer = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"hello\"}"
                .getBytes(StandardCharsets.UTF_8);
        // Without TCP_NODELAY the separate header and body writes meet delayed ACKs: 40 ms stalls.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean lambda = exchange.getRequestURI().getRawPath().endsWith("/invocations");
            byte[] body = lambda ? proxyAnswer : kilobyte;
            exchange.getResponseHeaders().set("Content-Type", lambda ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("[bench] backends on 127.0.0.1:" + args[0]);
    }
}
