package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portico.integration.aws.OverrideCredentials;
import dev.portico.invocation.PorticoSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A service with an endpoint override is called with the environment's keys or the test keys, never the rest of the
 * SDK's chain: for the AWS integrations and, here, for the DynamoDB route source's client too.
 */
class AwsClientCredentialsTest {
    private static final Map<String, String> NO_KEYS = Map.of();

    private static PorticoSettings withDynamoDbOverride() {
        PorticoSettings d = PorticoSettings.defaults();
        return new PorticoSettings(d.stage(), d.stageVariables(), d.healthCheckPath(), d.region(), d.accountId(),
                d.apiId(), Map.of("dynamodb", "http://127.0.0.1:1"));
    }

    private static AwsCredentialsIdentity identity(AwsCredentialsProvider provider) {
        return provider.resolveIdentity().join();
    }

    @Test
    void theRouteSourcesDynamoDbClientWithAnOverrideAndNoKeysSignsWithTheTestKeys() {
        try (DynamoDbClient client = RouteSources.dynamoDbClient(withDynamoDbOverride(), NO_KEYS::get)) {
            AwsCredentialsIdentity used = client.serviceClientConfiguration().credentialsProvider()
                    .resolveIdentity().join();
            assertEquals("test", used.accessKeyId());
            assertEquals("test", used.secretAccessKey());
        }
    }

    @Test
    void theRouteSourcesDynamoDbClientWithAnOverrideTakesTheEnvironmentsKeys() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "envsecret");
        try (DynamoDbClient client = RouteSources.dynamoDbClient(withDynamoDbOverride(), env::get)) {
            AwsCredentialsIdentity used = client.serviceClientConfiguration().credentialsProvider()
                    .resolveIdentity().join();
            assertEquals("AKIAENV", used.accessKeyId());
        }
    }

    @Test
    void theTestKeysCanBeNamedAndASessionTokenIsKept() {
        Map<String, String> named = Map.of("PORTICO_AWS_TEST_ACCESS_KEY_ID", "local", "PORTICO_AWS_TEST_SECRET_ACCESS_KEY", "pw");
        assertEquals("local", identity(OverrideCredentials.forEndpoint(Optional.of("http://127.0.0.1:1"), named::get))
                .accessKeyId());
        Map<String, String> session = Map.of("AWS_ACCESS_KEY_ID", "ASIA", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "tok");
        AwsCredentialsIdentity withToken = identity(OverrideCredentials.provider(session::get));
        assertEquals("tok", assertInstanceOf(AwsSessionCredentials.class, withToken).sessionToken());
    }

    @Test
    void withoutAnOverrideTheSdksDefaultChainIsUsed() {
        assertInstanceOf(DefaultCredentialsProvider.class, OverrideCredentials.forEndpoint(Optional.empty(), NO_KEYS::get));
    }
}
