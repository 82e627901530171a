package dev.portico.authorizer;

import dev.portico.integration.http.VertxBackendClient;
import java.util.List;

/**
 * What the function's configuration says about verifying identities, beyond the route table.
 *
 * @param albSigners       {@code portico.alb-oidc.signers}: the ARNs of the load balancers whose
 *                         {@code x-amzn-oidc-data} Portico verifies; empty to verify none
 * @param cognitoClientIds {@code portico.cognito.client-ids}: the app clients a Cognito token must be issued to;
 *                         empty for any client of the pool, as API Gateway's REST authorizer
 * @param fetcher          how keys are fetched
 */
public record AuthorizerOptions(List<String> albSigners, List<String> cognitoClientIds, KeyFetcher fetcher) {

    public AuthorizerOptions {
        albSigners = List.copyOf(albSigners);
        cognitoClientIds = List.copyOf(cognitoClientIds);
    }

    /** No load balancer identity verified, any app client, keys over a backend client of their own. */
    public static AuthorizerOptions defaults() {
        return new AuthorizerOptions(List.of(), List.of(), new BackendKeyFetcher(new VertxBackendClient()));
    }
}
