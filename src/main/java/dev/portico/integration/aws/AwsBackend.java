package dev.portico.integration.aws;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.aws.SigningHttpClient.Call;
import dev.portico.integration.aws.SigningHttpClient.Response;
import dev.portico.route.AwsServiceUri;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Calls AWS services for the AWS and AWS_PROXY integrations: finds the endpoint, the credentials and signs
 * and sends; faults end as API Gateway's answers (timeouts 504, an answer over the 10 MB payload limit or one that
 * breaks off or is not HTTP 502, an endpoint that cannot be connected to 500).
 */
public final class AwsBackend {
    private final AwsEndpoints endpoints;
    private final CredentialsCache credentials;
    private final SigningHttpClient http;

    public AwsBackend(AwsEndpoints endpoints, CredentialsCache credentials, SigningHttpClient http) {
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.http = http;
    }

    /**
     * @param path    percent-encoded path starting with '/'
     * @param query   raw query values
     * @param where   the route name, for the log
     */
    public Response call(String where, AwsServiceUri uri, String method, String path, Map<String, List<String>> query,
                         Headers headers, byte[] body, String roleArn, int timeoutMillis) {
        URI endpoint = endpoints.endpoint(uri.service(), uri.region(), uri.subdomain());
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolve(uri.service(), roleArn);
        } catch (RuntimeException e) {
            throw GatewayException.internal(where + ": no credentials for " + uri.service()
                    + (roleArn == null ? "" : " as " + roleArn) + ": " + e.getMessage(), null);
        }
        Call call = new Call(method, endpoint, path, query, headers, body,
                AwsEndpoints.signingName(uri.service()), AwsEndpoints.signingRegion(uri.service(), uri.region()));
        try {
            return http.send(call, identity, Duration.ofMillis(timeoutMillis));
        } catch (SigningHttpClient.TooLarge e) {
            throw GatewayException.integrationFailure(where + ": " + uri.service() + " answer too large: " + e.getMessage());
        } catch (SigningHttpClient.DeadlineExceeded e) {
            throw GatewayException.integrationTimeout(where + ": " + e.getMessage());
        } catch (java.net.ConnectException e) {
            throw GatewayException.internal(where + ": " + uri.service() + " at " + endpoint + " unreachable: " + e, null);
        } catch (IOException e) {
            // Reached, but the answer broke off or was not HTTP: the service failed, as a backend does (502).
            throw GatewayException.integrationFailure(where + ": " + uri.service() + " at " + endpoint
                    + " gave no usable answer: " + e);
        }
    }
}
