package bench;

import dev.portico.event.Headers;
import dev.portico.gateway.Portico;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendResponse;
import dev.portico.integration.http.BackendUri;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One event per integration type through {@link Portico#handle} (ALB event bytes in, response bytes out) against
 * the local backends of {@link WarmBackends} (another process, port {@code -Dbench.backend=PORT}), and the same
 * backend calls made directly with the HTTP client Portico uses, so that "added" is one median minus another.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per event in this JVM, the client's
 * event loop included. Only APIs that every Portico version since issue #9 has are used, so that one build of this
 * benchmark measures an older function.zip beside a newer one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmPathBench {
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:fn";

    /** MOCK, HTTP_PROXY, HTTP, AWS_PROXY through Portico; DIRECT_HTTP, DIRECT_INVOKE straight to the backend. */
    @Param({"MOCK", "HTTP_PROXY", "HTTP", "AWS_PROXY", "DIRECT_HTTP", "DIRECT_INVOKE"})
    public String path;

    private Portico portico;
    private byte[] event;
    private VertxBackendClient client;
    private BackendRequest direct;

    @Setup
    public void setUp() {
        FunctionLogging.asInTheFunction();
        int port = Integer.getInteger("bench.backend");
        byte[] kilobyte = new byte[1024];
        Arrays.fill(kilobyte, (byte) 'x');
        String text = new String(kilobyte, StandardCharsets.US_ASCII);
        String table = """
                {"openapi": "3.0.1", "info": {"title": "warm", "version": "1"}, "paths": {
                 "/mock": {"get": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {
                   "type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                   "responses": {"default": {"statusCode": "200", "responseTemplates": {
                     "application/json": "{\\"hello\\": \\"$input.params('name')\\"}"}}}}}},
                 "/proxy/{proxy+}": {"x-amazon-apigateway-any-method": {"parameters": [{"name": "proxy", "in": "path",
                   "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "ok"}},
                   "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY",
                   "uri": "http://127.0.0.1:%1$d/{proxy}", "passthroughBehavior": "when_no_match",
                   "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}}},
                 "/http": {"post": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {
                   "type": "http", "httpMethod": "POST", "uri": "http://127.0.0.1:%1$d/echo",
                   "requestTemplates": {"application/json": "{\\"order\\": $input.json('$.order'), \\"by\\": \\"$input.params('name')\\"}"},
                   "responses": {"default": {"statusCode": "200"}}}}},
                 "/lambda": {"get": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {
                   "type": "aws_proxy", "httpMethod": "POST",
                   "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/%2$s/invocations"}}}}}
                """.formatted(port, FUNCTION);
        PorticoSettings settings = PorticoSettings.defaults()
                .withAwsEndpointOverrides(Map.of("lambda", "http://127.0.0.1:" + port));
        portico = Portico.create(RouteTables.loader().load("warm.json", table.getBytes(StandardCharsets.UTF_8)), settings);
        client = new VertxBackendClient();
        String elb = "\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:"
                + "123456789012:targetgroup/portico/0123456789abcdef\"}},";
        String headers = "\"headers\":{\"accept\":\"application/json\",\"content-type\":\"%s\","
                + "\"host\":\"portico.example\",\"user-agent\":\"bench\",\"x-amzn-trace-id\":"
                + "\"Root=1-6745e1a0-0123456789abcdef01234567\",\"x-forwarded-for\":\"198.51.100.7\","
                + "\"x-forwarded-port\":\"443\",\"x-forwarded-proto\":\"https\"},";
        String expect;
        switch (path) {
            case "MOCK" -> {
                event = ("{" + elb + "\"httpMethod\":\"GET\",\"path\":\"/mock\",\"queryStringParameters\":"
                        + "{\"name\":\"Ada%20Lovelace\"}," + headers.formatted("application/json")
                        + "\"body\":\"\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
                expect = "Ada Lovelace";
            }
            case "HTTP_PROXY" -> {
                event = ("{" + elb + "\"httpMethod\":\"POST\",\"path\":\"/proxy/echo\",\"queryStringParameters\":{},"
                        + headers.formatted("text/plain") + "\"body\":\"" + text + "\",\"isBase64Encoded\":false}")
                        .getBytes(StandardCharsets.UTF_8);
                expect = text;
            }
            case "HTTP" -> {
                event = ("{" + elb + "\"httpMethod\":\"POST\",\"path\":\"/http\",\"queryStringParameters\":"
                        + "{\"name\":\"Ada\"}," + headers.formatted("application/json")
                        + "\"body\":\"{\\\"order\\\":{\\\"id\\\":42,\\\"items\\\":[1,2,3]}}\",\"isBase64Encoded\":false}")
                        .getBytes(StandardCharsets.UTF_8);
                expect = text;
            }
            case "AWS_PROXY" -> {
                event = ("{" + elb + "\"httpMethod\":\"GET\",\"path\":\"/lambda\",\"queryStringParameters\":"
                        + "{\"name\":\"Ada\"}," + headers.formatted("application/json")
                        + "\"body\":\"\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
                expect = "hello";
            }
            case "DIRECT_HTTP" -> {
                direct = new BackendRequest("POST", BackendUri.of("http://127.0.0.1:" + port + "/echo", Map.of(), Map.of(),
                        Set.of(), List.of()), new Headers().set("Content-Type", "text/plain").freeze(), kilobyte, 29_000,
                        false);
                expect = null;
            }
            case "DIRECT_INVOKE" -> {
                // About the size of the proxy event Portico sends for the AWS_PROXY path, unsigned.
                byte[] payload = new byte[1500];
                Arrays.fill(payload, (byte) ' ');
                direct = new BackendRequest("POST", BackendUri.of("http://127.0.0.1:" + port + "/2015-03-31/functions/"
                        + FUNCTION + "/invocations", Map.of(), Map.of(), Set.of(), List.of()),
                        new Headers().set("Content-Type", "application/json")
                                .set("X-Amz-Invocation-Type", "RequestResponse").freeze(), payload, 29_000, false);
                expect = null;
            }
            default -> throw new IllegalArgumentException(path);
        }
        if (expect != null) {
            String answer = new String(portico.handle(event), StandardCharsets.UTF_8);
            System.out.println("[bench] " + path + " answers: " + answer.substring(0, Math.min(300, answer.length())));
            if (!answer.contains("\"statusCode\":200") || !answer.contains(expect)) {
                throw new IllegalStateException(path + ": unexpected answer " + answer);
            }
        } else if (client.send(direct).status() != 200) {
            throw new IllegalStateException(path + ": the backend did not answer 200");
        }
    }

    @Benchmark
    public Object event() {
        if (direct != null) {
            BackendResponse response = client.send(direct);
            return response.body();
        }
        return portico.handle(event);
    }

    @TearDown
    public void tearDown() {
        client.close();
    }
}
