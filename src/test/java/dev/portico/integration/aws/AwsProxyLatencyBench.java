package dev.portico.integration.aws;

import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import dev.portico.event.Headers;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.http.VertxBackendClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Added latency of an AWS_PROXY route over invoking the same local function directly through the Invoke API:
 * 2,000 sequential invocations each way (after a warm-up), median and p99 printed. Measures, asserts nothing.
 * {@code ./mvnw -B test -Dtest=AwsProxyLatencyBench -Dportico.bench=true}
 */
@EnabledIfSystemProperty(named = "portico.bench", matches = "true")
class AwsProxyLatencyBench {
    private static final int RUNS = 2_000;
    private static final String EVENT = """
            {"resource": "/{proxy+}", "path": "/hello", "httpMethod": "GET",
             "headers": {"User-Agent": "bench"}, "multiValueHeaders": {"User-Agent": ["bench"]},
             "queryStringParameters": null, "multiValueQueryStringParameters": null, "pathParameters": {"proxy": "hello"},
             "stageVariables": null, "requestContext": {"stage": "prod", "requestId": "bench", "httpMethod": "GET",
             "path": "/prod/hello", "resourcePath": "/{proxy+}", "identity": {"sourceIp": "127.0.0.1"}},
             "body": null, "isBase64Encoded": false}
            """;

    @Test
    void printAddedLatency() throws Exception {
        try (LocalLambda lambda = LocalLambda.start()) {
            String routes = """
                    openapi: 3.0.1
                    info: {title: bench, version: '1'}
                    paths:
                      /{proxy+}:
                        x-amazon-apigateway-any-method:
                          x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '%sfn/invocations'}
                    """.formatted(AwsProxyIntegrationTest.FUNCTIONS);
            Portico portico = Portico.create(RouteTables.loader().load("bench", routes.getBytes(StandardCharsets.UTF_8)),
                    PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("lambda", lambda.endpoint())));
            byte[] event = EVENT.getBytes(StandardCharsets.UTF_8);
            // The direct call goes through the very client AWS_PROXY uses (pooled keep-alive Vert.x), unsigned.
            VertxBackendClient http = new VertxBackendClient();
            BackendRequest direct = new BackendRequest("POST", BackendUri.of(lambda.endpoint()
                    + "/2015-03-31/functions/fn/invocations", Map.of(), Map.of(), Set.of(), List.of()),
                    new Headers().set("Content-Type", "application/json").freeze(), event, 29_000, false);

            long[] viaDirect = new long[RUNS];
            long[] viaPortico = new long[RUNS];
            for (int i = 0; i < 500; i++) {
                http.send(direct);
                portico.handle(event);
            }
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                http.send(direct);
                viaDirect[i] = System.nanoTime() - start;
                start = System.nanoTime();
                portico.handle(event);
                viaPortico[i] = System.nanoTime() - start;
            }
            report("direct Invoke API", viaDirect);
            report("AWS_PROXY route  ", viaPortico);
            Arrays.sort(viaDirect);
            Arrays.sort(viaPortico);
            System.out.printf(Locale.ROOT, "[bench] added by the route: median %.3f ms, p99 %.3f ms%n",
                    (percentile(viaPortico, 50) - percentile(viaDirect, 50)) / 1e6,
                    (percentile(viaPortico, 99) - percentile(viaDirect, 99)) / 1e6);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "[bench] %s: median %.3f ms, p99 %.3f ms over %d sequential invocations%n",
                what, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted.length);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
