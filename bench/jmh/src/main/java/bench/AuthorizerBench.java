package bench;

import com.sun.net.httpserver.HttpServer;
import dev.portico.apikey.ApiKeys;
import dev.portico.authorizer.AuthorizerOptions;
import dev.portico.authorizer.BackendKeyFetcher;
import dev.portico.gateway.ApiRouter;
import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.Observability;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What authorization adds to one ALB event through {@link Portico#handle}, against the same MOCK route without
 * an authorizer ({@code open}): a Lambda TOKEN authorizer whose answer is cached ({@code tokenCacheHit}); one that
 * is invoked for every request, each with a new token ({@code tokenCacheMiss}), through the real Lambda client
 * (SigV4 signing, HTTP) to a local Invoke API endpoint that answers an allowing policy at once, so the figure is
 * Portico's own cost over the authorizer's own time, which is zero here; a Cognito user pool token with the pool's
 * JWKS cached, sent again ({@code cognitoCachedJwks}: its signature verified once, the claims checked each time) and
 * new each time ({@code cognitoNewToken}: RS256 2048-bit verified each time); and the load balancer's
 * {@code x-amzn-oidc-data} with its key cached, the same two ways ({@code albOidc}, {@code albOidcNewToken}, ES256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthorizerBench {
    private static final String POOL = "us-east-1_Bench1";
    private static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/b/1";
    private static final String FN = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";
    private static final String MOCK = """
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates: {application/json: '{"statusCode": 200}'}
                    responses: {default: {statusCode: "200", responseTemplates: {application/json: '{"ok": true}'}}}
            """;

    private HttpServer server;
    private Portico portico;
    private byte[] open;
    private byte[] cached;
    private byte[] cognito;
    private byte[] alb;
    private long misses;
    /** More distinct tokens than the verified-token cache keeps, so that cycling through them always verifies. */
    private static final int FRESH = 1500;
    private byte[][] freshCognito;
    private byte[][] freshAlb;
    private int next;

    @Setup
    public void setUp() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(256);
        KeyPair ec = ecGenerator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String policy = "{\"principalId\":\"bench\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}";
        server.createContext("/2015-03-31/functions/", exchange -> answer(exchange, policy));
        RSAPublicKey publicKey = (RSAPublicKey) rsa.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(publicKey.getModulus())) + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent()))
                + "\"}]}";
        server.createContext("/" + POOL + "/.well-known/jwks.json", exchange -> answer(exchange, jwks));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ec.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        server.createContext("/alb/", exchange -> answer(exchange, pem));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");

        String routes = "openapi: 3.0.1\ninfo: {title: bench, version: '1'}\npaths:\n"
                + "  /open:\n    get:\n" + MOCK
                + "  /token:\n    get:\n      security: [{TokenAuth: []}]\n" + MOCK
                + "  /pool:\n    get:\n      security: [{Pool: []}]\n" + MOCK
                + "  /alb:\n    get:\n      security: [{Alb: []}]\n" + MOCK
                + """
                components:
                  securitySchemes:
                    TokenAuth:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: custom
                      x-amazon-apigateway-authorizer: {type: token, authorizerUri: '%s', authorizerResultTtlInSeconds: 3600}
                    Pool:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authorizer:
                        type: cognito_user_pools
                        providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/%s']
                    Alb:
                      type: apiKey
                      name: x-amzn-oidc-data
                      in: header
                      x-portico-authorizer: {type: alb_oidc}
                """.formatted(FN, POOL);
        RouteTable table = RouteTables.loader().load("bench", routes.getBytes(StandardCharsets.UTF_8));
        PorticoSettings settings = PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("lambda", base,
                "cognito-idp", base, "elb-public-keys", base + "/alb"));
        portico = new Portico(ApiRouter.single(() -> table, settings), Integrations.standard(settings), settings,
                Observability.off(), new AuthorizerOptions(List.of(ALB), List.of(), new BackendKeyFetcher(new VertxBackendClient())), ApiKeys.none());

        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"u1\",\"iss\":\"" + base + "/" + POOL + "\",\"token_use\":\"id\",\"aud\":\"c1\","
                + "\"email\":\"jane@example.com\",\"iat\":" + now + ",\"exp\":" + (now + 86400) + "}";
        String idToken = sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", claims, "SHA256withRSA", rsa);
        String albToken = sign("{\"alg\":\"ES256\",\"kid\":\"a1\",\"signer\":\"" + ALB + "\",\"exp\":" + (now + 86400)
                + "}", "{\"sub\":\"u1\",\"email\":\"jane@example.com\",\"exp\":" + (now + 86400) + "}",
                "SHA256withECDSAinP1363Format", ec);
        freshCognito = new byte[FRESH][];
        freshAlb = new byte[FRESH][];
        for (int i = 0; i < FRESH; i++) {
            String unique = claims.replace("\"sub\":\"u1\"", "\"sub\":\"u1\",\"jti\":\"" + i + "\"");
            freshCognito[i] = event("/pool", "Authorization",
                    sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", unique, "SHA256withRSA", rsa));
            freshAlb[i] = event("/alb", "x-amzn-oidc-data", sign("{\"alg\":\"ES256\",\"kid\":\"a1\",\"signer\":\""
                    + ALB + "\",\"exp\":" + (now + 86400) + "}", "{\"sub\":\"u1\",\"jti\":\"" + i
                    + "\",\"exp\":" + (now + 86400) + "}", "SHA256withECDSAinP1363Format", ec));
        }
        open = event("/open", null, null);
        cached = event("/token", "Authorization", "cached-token");
        cognito = event("/pool", "Authorization", idToken);
        alb = event("/alb", "x-amzn-oidc-data", albToken);
        for (byte[] warm : List.of(open, cached, cognito, alb)) {
            String answer = new String(portico.handle(warm), StandardCharsets.UTF_8);
            if (!answer.contains("\"statusCode\":200")) {
                throw new IllegalStateException("the benchmark's request is not answered 200: " + answer);
            }
        }
    }

    @TearDown
    public void tearDown() {
        server.stop(0);
    }

    @Benchmark
    public byte[] open() {
        return portico.handle(open);
    }

    @Benchmark
    public byte[] tokenCacheHit() {
        return portico.handle(cached);
    }

    @Benchmark
    public byte[] tokenCacheMiss() {
        return portico.handle(event("/token", "Authorization", "miss-" + misses++));
    }

    @Benchmark
    public byte[] cognitoCachedJwks() {
        return portico.handle(cognito);
    }

    @Benchmark
    public byte[] albOidc() {
        return portico.handle(alb);
    }

    /** A token not seen before each time: parse, RS256 signature over the cached JWKS key, claims. */
    @Benchmark
    public byte[] cognitoNewToken() {
        return portico.handle(freshCognito[next++ % FRESH]);
    }

    /** The same for the load balancer's ES256 token. */
    @Benchmark
    public byte[] albOidcNewToken() {
        return portico.handle(freshAlb[next++ % FRESH]);
    }

    private static byte[] event(String path, String header, String value) {
        String extra = header == null ? "" : ",\"" + header + "\":\"" + value + "\"";
        return ("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:"
                + "123456789012:targetgroup/portico/0123456789abcdef\"}},\"httpMethod\":\"GET\",\"path\":\"" + path
                + "\",\"queryStringParameters\":{},\"headers\":{\"accept\":\"application/json\",\"host\":"
                + "\"bench.example.com\",\"user-agent\":\"bench\"" + extra + "},\"body\":\"\",\"isBase64Encoded\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(String header, String claims, String algorithm, KeyPair key) throws Exception {
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
