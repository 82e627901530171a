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
    /** One attempt of one call. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    /** One call, its retry included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private DynamoDbClients() {}

    /**
     * Timeouts are short because a refresh runs inside the request that noticed it was due, and the first load
     * inside Lambda's 10-second init phase: a load makes at most two calls in sequence (the version, then its
     * chunks), so a DynamoDB that hangs costs it {@link #CALL_TIMEOUT} twice, 6 s, and the function still starts
     * (answering 500 until a load succeeds). Building the client calls nothing.
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
                .overrideConfiguration(c -> c.retryStrategy(retry -> retry.maxAttempts(2))
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT));
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
