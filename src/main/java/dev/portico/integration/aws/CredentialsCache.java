package dev.portico.integration.aws;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials an AWS integration signs with.
 * <ul>
 * <li>No {@code credentials} on the integration: the function's own, from the SDK's default chain.</li>
 * <li>A role ARN: assumed through STS with the function's own credentials; the SDK's provider caches the
 *     session and renews it synchronously shortly before it expires (one provider per role).</li>
 * <li>A service with a local endpoint override: {@link OverrideCredentials}, the environment's keys or the test
 *     keys; a role is assumed only if STS has an override too (local emulators do not check roles).</li>
 * </ul>
 * Nothing is resolved until the first request that needs it.
 */
public final class CredentialsCache {
    private static final String SESSION_NAME = "portico";

    private final String region;
    private final AwsEndpoints endpoints;
    private final Supplier<AwsCredentialsProvider> own;
    private final Function<String, String> env;
    private final Map<String, AwsCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final SdkHttpClient stsHttp;
    private volatile StsClient sts;

    /** @param own the function's own credentials; null for the SDK's default chain */
    public CredentialsCache(String region, AwsEndpoints endpoints, AwsCredentialsProvider own,
                            Function<String, String> env) {
        this(region, endpoints, own, env, null);
    }

    /** @param stsHttp the HTTP client STS AssumeRole calls go through; null for the URL connection client */
    public CredentialsCache(String region, AwsEndpoints endpoints, AwsCredentialsProvider own,
                            Function<String, String> env, SdkHttpClient stsHttp) {
        this.stsHttp = stsHttp;
        this.region = region;
        this.endpoints = endpoints;
        this.env = env;
        this.own = own != null ? () -> own : memoize(DefaultCredentialsProvider::builder);
    }

    public static CredentialsCache standard(String region, AwsEndpoints endpoints) {
        return new CredentialsCache(region, endpoints, null, System::getenv);
    }

    /** As {@link #standard(String, AwsEndpoints)}, STS called through {@code stsHttp} (the function's Vert.x client). */
    public static CredentialsCache standard(String region, AwsEndpoints endpoints, SdkHttpClient stsHttp) {
        return new CredentialsCache(region, endpoints, null, System::getenv, stsHttp);
    }

    /** The credentials for a call to {@code service}, as {@code roleArn} (null: the function's own). */
    public AwsCredentialsIdentity resolve(String service, String roleArn) {
        boolean local = endpoints.isOverridden(service);
        boolean assume = roleArn != null && !roleArn.isBlank() && (!local || endpoints.isOverridden("sts"));
        if (assume) {
            return roles.computeIfAbsent(roleArn, this::assumeRole).resolveCredentials();
        }
        return local ? localCredentials() : own.get().resolveCredentials();
    }

    private AwsCredentials localCredentials() {
        return OverrideCredentials.resolve(env);
    }

    private AwsCredentialsProvider assumeRole(String roleArn) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME))
                .build();
    }

    private synchronized StsClient sts() {
        if (sts == null) {
            AwsCredentialsProvider base = endpoints.isOverridden("sts") ? this::localCredentials : own.get();
            sts = StsClient.builder()
                    .httpClient(stsHttp != null ? stsHttp : UrlConnectionHttpClient.create())
                    .region(Region.of(region))
                    .credentialsProvider(base)
                    .endpointOverride(endpoints.isOverridden("sts") ? endpoints.endpoint("sts", region, null)
                            : URI.create("https://sts." + region + ".amazonaws.com"))
                    .build();
        }
        return sts;
    }

    private static Supplier<AwsCredentialsProvider> memoize(Supplier<DefaultCredentialsProvider.Builder> builder) {
        return new Supplier<>() {
            private volatile AwsCredentialsProvider provider;

            @Override
            public AwsCredentialsProvider get() {
                if (provider == null) {
                    synchronized (this) {
                        if (provider == null) {
                            provider = builder.get().build();
                        }
                    }
                }
                return provider;
            }
        };
    }
}
