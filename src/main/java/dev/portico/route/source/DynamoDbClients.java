package dev.portico.route.source;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client of the route sources and the import command, built without CDI. */
public final class DynamoDbClients {
    private DynamoDbClients() {}

    /**
     * Timeouts are short because a refresh runs inside the request that noticed it was due: DynamoDB being
     * unreachable must cost that request a few attempts, not the Lambda timeout. Building the client calls nothing.
     *
     * @param endpoint    an endpoint URL for a local DynamoDB, or empty for the region's
     * @param credentials what to sign with; the function's rule for them is
     *                    {@code dev.portico.integration.aws.OverrideCredentials}, which its callers apply
     */
    public static DynamoDbClient create(String region, Optional<String> endpoint, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(retry -> retry.maxAttempts(3))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3))
                        .apiCallTimeout(Duration.ofSeconds(10)));
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
