package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Role credentials come from STS AssumeRole (a local stand-in here) and are reused until near expiry. */
class CredentialsCacheTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/apigateway-sqs";

    private HttpServer sts;
    private final List<String> assumeRoleCalls = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofHours(1);

    @BeforeEach
    void startSts() throws Exception {
        sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", exchange -> {
            String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            assumeRoleCalls.add(form);
            String xml = """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                    <Credentials><AccessKeyId>ASIAROLE%d</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
                    <SessionToken>token</SessionToken><Expiration>%s</Expiration></Credentials>
                    <AssumedRoleUser><AssumedRoleId>AROA:portico</AssumedRoleId>
                    <Arn>arn:aws:sts::123456789012:assumed-role/apigateway-sqs/portico</Arn></AssumedRoleUser>
                    </AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>
                    """.formatted(assumeRoleCalls.size(), Instant.now().plus(lifetime));
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sts.start();
    }

    @AfterEach
    void stopSts() {
        sts.stop(0);
    }

    private CredentialsCache cache() {
        AwsEndpoints endpoints = new AwsEndpoints(Map.of("sts", "http://127.0.0.1:" + sts.getAddress().getPort(),
                "sqs", "http://127.0.0.1:1"));
        return new CredentialsCache("us-east-1", endpoints, null, Map.of("AWS_ACCESS_KEY_ID", "AKIDLOCAL",
                "AWS_SECRET_ACCESS_KEY", "local")::get);
    }

    @Test
    void roleIsAssumedOnceAndReusedWhileFresh() {
        CredentialsCache cache = cache();
        AwsCredentialsIdentity first = cache.resolve("sqs", ROLE);
        AwsCredentialsIdentity second = cache.resolve("sqs", ROLE);

        assertEquals("ASIAROLE1", first.accessKeyId());
        assertEquals("token", ((AwsSessionCredentialsIdentity) first).sessionToken());
        assertEquals(first.accessKeyId(), second.accessKeyId());
        assertEquals(1, assumeRoleCalls.size());
        assertTrue(assumeRoleCalls.get(0).contains("Action=AssumeRole"), assumeRoleCalls.get(0));
        assertTrue(assumeRoleCalls.get(0).contains("RoleArn=" + ROLE), assumeRoleCalls.get(0));
    }

    @Test
    void roleIsAssumedAgainShortlyBeforeExpiry() {
        lifetime = Duration.ofMinutes(2);
        CredentialsCache cache = cache();
        cache.resolve("sqs", ROLE);
        cache.resolve("sqs", ROLE);
        assertEquals(2, assumeRoleCalls.size());
    }

    @Test
    void withoutARoleALocalServiceGetsTheEnvironmentKeys() {
        assertEquals("AKIDLOCAL", cache().resolve("sqs", null).accessKeyId());
        assertEquals(0, assumeRoleCalls.size());
    }
}
