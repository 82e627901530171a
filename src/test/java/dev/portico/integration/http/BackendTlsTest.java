package dev.portico.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to an HTTPS backend whose certificate no trust store knows (self-signed, made by the JDK's keytool for
 * this test): refused with the default trust store, accepted with {@code tlsConfig.insecureSkipVerification}.
 */
class BackendTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer backend;
    private static Portico portico;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("backend.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "backend", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);

        backend = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.setHttpsConfigurator(new HttpsConfigurator(tls));
        backend.createContext("/", exchange -> {
            byte[] body = "{\"secure\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();

        String url = "https://127.0.0.1:" + backend.getAddress().getPort();
        String table = """
                {"openapi": "3.0.1", "info": {"title": "tls", "version": "1"}, "paths": {
                  "/verified": {"get": {"x-amazon-apigateway-integration": {
                    "type": "http_proxy", "httpMethod": "GET", "uri": "%1$s/verified"}}},
                  "/insecure": {"get": {"x-amazon-apigateway-integration": {
                    "type": "http_proxy", "httpMethod": "GET", "uri": "%1$s/insecure",
                    "tlsConfig": {"insecureSkipVerification": true}}}}}}
                """.formatted(url);
        portico = Portico.create(RouteTables.loader().load("tls.json", table.getBytes(StandardCharsets.UTF_8)),
                PorticoSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (backend != null) backend.stop(0);
    }

    private static JsonNode get(String path) throws Exception {
        String event = """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portico/0123456789abcdef"}},
                 "httpMethod":"GET","path":"%s","queryStringParameters":{},"headers":{},"body":"","isBase64Encoded":false}
                """.formatted(path);
        return JSON.readTree(portico.handle(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUntrustedCertificateIsAnIntegrationFailure() throws Exception {
        JsonNode answer = get("/verified");

        assertEquals(502, answer.get("statusCode").asInt());
        assertEquals("{\"message\": \"Internal server error\"}", answer.get("body").asText());
    }

    @Test
    void insecureSkipVerificationAcceptsIt() throws Exception {
        JsonNode answer = get("/insecure");

        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("{\"secure\":true}", answer.get("body").asText());
    }
}
