package dev.portico.integration.aws;

import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The one rule for the credentials of every AWS client the function makes (AWS integrations, STS, the DynamoDB
 * route source): a service with an endpoint override ({@code portico.aws.endpoint-override.SERVICE}) is called with
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (/ {@code AWS_SESSION_TOKEN}) when they are set, else
 * with {@code PORTICO_AWS_TEST_ACCESS_KEY_ID} / {@code PORTICO_AWS_TEST_SECRET_ACCESS_KEY} (default
 * {@code test}/{@code test}); never the rest of the SDK's chain, whose last link, the instance metadata service,
 * only stalls a local call. Any other service gets the SDK's default chain.
 */
public final class OverrideCredentials {
    private OverrideCredentials() {}

    /**
     * @param endpointOverride the service's endpoint override, empty for the region's endpoint
     * @param env              the environment ({@code System::getenv})
     */
    public static AwsCredentialsProvider forEndpoint(Optional<String> endpointOverride, Function<String, String> env) {
        return endpointOverride.isPresent() ? provider(env) : DefaultCredentialsProvider.builder().build();
    }

    /** The credentials for a service with an endpoint override, read on every call. */
    public static AwsCredentialsProvider provider(Function<String, String> env) {
        return () -> resolve(env);
    }

    static AwsCredentials resolve(Function<String, String> env) {
        String key = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String token = env.apply("AWS_SESSION_TOKEN");
            return token == null ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token);
        }
        return AwsBasicCredentials.create(orDefault(env.apply("PORTICO_AWS_TEST_ACCESS_KEY_ID")),
                orDefault(env.apply("PORTICO_AWS_TEST_SECRET_ACCESS_KEY")));
    }

    private static String orDefault(String value) {
        return value == null || value.isEmpty() ? "test" : value;
    }
}
