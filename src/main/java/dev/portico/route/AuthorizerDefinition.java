package dev.portico.route;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An authorizer that Portico enforces on a route, read from the export's security scheme
 * ({@code x-amazon-apigateway-authorizer}, "OpenAPI extensions for API Gateway"): a Lambda TOKEN or REQUEST
 * authorizer, a Cognito user pool authorizer ({@code cognito_user_pools}, "Control access to REST APIs using Amazon
 * Cognito user pools as an authorizer"), or Portico's own requirement of the load balancer's verified OIDC identity
 * ({@code x-portico-authorizer: {type: alb_oidc}}, see {@link Type#ALB_OIDC}).
 *
 * @param name                 the security scheme's name
 * @param type                 TOKEN, REQUEST, COGNITO_USER_POOLS or ALB_OIDC
 * @param uri                  {@code authorizerUri}: a Lambda invocation URI, perhaps naming a stage variable; null
 *                             for the other types
 * @param awsUri               the URI parsed at load, or null when it names a stage variable or there is none
 * @param credentials          {@code authorizerCredentials}: the role to invoke with, or null for the function's
 *                             own credentials
 * @param identitySources      {@code identitySource} as mapping expressions ({@code method.request.header.Auth},
 *                             {@code method.request.querystring.q}, {@code stageVariables.v}, {@code context.x}),
 *                             in file order; for TOKEN and COGNITO_USER_POOLS exactly one header
 * @param validationExpression {@code identityValidationExpression} (TOKEN and COGNITO_USER_POOLS), or null
 * @param ttlSeconds           {@code authorizerResultTtlInSeconds}: 0 to 3600, 300 when unset; 0 is no caching
 * @param providerArns         {@code providerARNs} of a COGNITO_USER_POOLS authorizer
 *                             ({@code arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID}, perhaps naming a stage
 *                             variable); empty for the other types
 * @param scopes               the OAuth scopes the operation's {@code security} asks of a Cognito authorizer; empty
 *                             when it asks none
 */
public record AuthorizerDefinition(
        String name,
        Type type,
        String uri,
        AwsServiceUri awsUri,
        String credentials,
        List<String> identitySources,
        Pattern validationExpression,
        int ttlSeconds,
        List<String> providerArns,
        List<String> scopes) {

    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MAX_TTL_SECONDS = 3600;

    /**
     * TOKEN and REQUEST are Lambda authorizers; COGNITO_USER_POOLS verifies a user pool's JWT; ALB_OIDC (beyond API
     * Gateway) requires the {@code x-amzn-oidc-data} identity an ALB's {@code authenticate-oidc} or
     * {@code authenticate-cognito} action signs, verified by Portico.
     */
    public enum Type { TOKEN, REQUEST, COGNITO_USER_POOLS, ALB_OIDC }

    /** A Lambda TOKEN or REQUEST authorizer. */
    public AuthorizerDefinition(String name, Type type, String uri, AwsServiceUri awsUri, String credentials,
                                List<String> identitySources, Pattern validationExpression, int ttlSeconds) {
        this(name, type, uri, awsUri, credentials, identitySources, validationExpression, ttlSeconds, List.of(),
                List.of());
    }

    /** Whether this is a Lambda TOKEN or REQUEST authorizer, which Portico invokes. */
    public boolean isLambda() {
        return type == Type.TOKEN || type == Type.REQUEST;
    }

    /** The URI to invoke, with any stage variable substituted. */
    public AwsServiceUri awsUri(java.util.Map<String, String> stageVariables) {
        return awsUri != null ? awsUri : AwsServiceUri.parse(uri, stageVariables);
    }

    /**
     * How {@code ./portico check} and the logs name it: {@code TokenAuth (a Lambda TOKEN authorizer)},
     * {@code Pool (a Cognito user pool authorizer, scopes orders/read)}.
     */
    public String describe() {
        AccessKind kind = switch (type) {
            case TOKEN -> AccessKind.LAMBDA_TOKEN;
            case REQUEST -> AccessKind.LAMBDA_REQUEST;
            case COGNITO_USER_POOLS -> AccessKind.COGNITO_USER_POOLS;
            case ALB_OIDC -> AccessKind.ALB_OIDC;
        };
        return name + " (" + kind.description() + (scopes.isEmpty() ? "" : ", scopes " + String.join(" ", scopes))
                + ")";
    }
}
