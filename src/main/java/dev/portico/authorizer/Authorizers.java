package dev.portico.authorizer;

import dev.portico.errors.GatewayException;
import dev.portico.integration.aws.LambdaInvoker;
import dev.portico.invocation.Invocation;
import dev.portico.route.AuthorizerDefinition;
import java.util.Map;

/**
 * The method request's authorization, the first stage after routing: the load balancer's OIDC identity when
 * verification is configured ({@link AlbOidcIdentity}), then the route's own authorizer: a Lambda TOKEN or REQUEST
 * authorizer ({@link LambdaAuthorizers}), a Cognito user pool ({@link CognitoAuthorizers}), or the requirement of
 * the load balancer's identity. What the route's authorizer says replaces the load balancer's claims in
 * {@code $context.authorizer}, as a route has one authorizer.
 */
public final class Authorizers {
    private final LambdaAuthorizers lambda;
    private final CognitoAuthorizers cognito;
    private final AlbOidcIdentity alb;

    /** @param lambda the Lambda client AWS_PROXY uses, or null when the build has none */
    public Authorizers(LambdaInvoker lambda, AuthorizerOptions options) {
        this(new LambdaAuthorizers(lambda), options);
    }

    Authorizers(LambdaAuthorizers lambda, AuthorizerOptions options) {
        this.lambda = lambda;
        this.cognito = new CognitoAuthorizers(new JwksCache(options.fetcher(), JwksCache.DEFAULT_MIN_REFETCH_NANOS,
                System::nanoTime), options.cognitoClientIds(), Authorizers::epochSeconds);
        this.alb = new AlbOidcIdentity(options.albSigners(), new AlbPublicKeys(options.fetcher(),
                AlbPublicKeys.DEFAULT_WINDOW_NANOS, System::nanoTime), Authorizers::epochSeconds);
    }

    /** Authorizes the request, or throws the gateway's answer (401, 403 or 500). */
    public void authorize(Invocation invocation) {
        Map<String, String> albClaims = alb.identify(invocation);
        if (albClaims != null) {
            invocation.authorized(Map.of("claims", albClaims));
        }
        AuthorizerDefinition authorizer = invocation.route().access().authorizer();
        if (authorizer == null) {
            return;
        }
        switch (authorizer.type()) {
            case TOKEN, REQUEST -> lambda.authorize(invocation);
            case COGNITO_USER_POOLS -> cognito.authorize(invocation, authorizer);
            case ALB_OIDC -> {
                String where = invocation.route().name() + ": authorizer " + authorizer.name();
                if (!alb.enabled()) {
                    throw GatewayException.authorizerConfigurationError(where + " requires the load balancer's "
                            + "identity, but portico.alb-oidc.signers names no load balancer to verify it");
                }
                if (albClaims == null) {
                    throw GatewayException.unauthorized(where + ": the request has no " + AlbOidcIdentity.HEADER);
                }
            }
        }
    }

    private static long epochSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
