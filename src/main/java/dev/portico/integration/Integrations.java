package dev.portico.integration;

import dev.portico.integration.aws.AwsBackend;
import dev.portico.integration.aws.AwsEndpoints;
import dev.portico.integration.aws.AwsIntegration;
import dev.portico.integration.aws.AwsProxyIntegration;
import dev.portico.integration.aws.CredentialsCache;
import dev.portico.integration.aws.LambdaInvoker;
import dev.portico.integration.aws.SigningHttpClient;
import dev.portico.integration.aws.VertxSdkHttpClient;
import dev.portico.integration.http.BackendClient;
import dev.portico.integration.http.HttpIntegration;
import dev.portico.integration.http.HttpProxyIntegration;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.IntegrationType;
import java.util.EnumMap;
import java.util.Map;

/** The integration for each type, created once when the function starts. */
public final class Integrations {
    private Integrations() {}

    public static Map<IntegrationType, Integration> standard(PorticoSettings settings) {
        return standard(settings, new VertxBackendClient());
    }

    /**
     * The standard integrations, every HTTP, HTTP_PROXY, AWS and AWS_PROXY call (Lambda authorizers included) on
     * {@code client}: one keep-alive pool for the function (project issue #25).
     */
    public static Map<IntegrationType, Integration> standard(PorticoSettings settings, VertxBackendClient client) {
        return standard(settings, client, client);
    }

    /**
     * The standard integrations with HTTP and HTTP_PROXY calls going through {@code http}: for the dev tools,
     * which send them on to local stub backends and show what was sent.
     */
    public static Map<IntegrationType, Integration> standard(PorticoSettings settings, BackendClient http) {
        return standard(settings, http, http instanceof VertxBackendClient vertx ? vertx : new VertxBackendClient());
    }

    /** HTTP and HTTP_PROXY calls through {@code http}, AWS calls signed and sent on {@code aws}. */
    public static Map<IntegrationType, Integration> standard(PorticoSettings settings, BackendClient http,
                                                             VertxBackendClient aws) {
        Map<IntegrationType, Integration> all = new EnumMap<>(IntegrationType.class);
        register(all, new MockIntegration());
        register(all, new HttpProxyIntegration(http));
        register(all, new HttpIntegration(http));
        AwsEndpoints endpoints = new AwsEndpoints(settings.awsEndpointOverrides());
        AwsBackend backend = new AwsBackend(endpoints,
                CredentialsCache.standard(settings.region(), endpoints, new VertxSdkHttpClient(aws)),
                new SigningHttpClient(aws));
        LambdaInvoker lambda = new LambdaInvoker(backend);
        register(all, new AwsProxyIntegration(lambda));
        register(all, new AwsIntegration(backend, lambda));
        return all;
    }

    private static void register(Map<IntegrationType, Integration> all, Integration integration) {
        all.put(integration.type(), integration);
    }
}
