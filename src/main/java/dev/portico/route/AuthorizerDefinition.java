package dev.portico.route;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A Lambda authorizer that Portico enforces on a route, read from the export's security scheme
 * ({@code x-amazon-apigateway-authorizer}, "OpenAPI extensions for API Gateway").
 *
 * @param name                 the security scheme's name
 * @param type                 TOKEN or REQUEST
 * @param uri                  {@code authorizerUri}: a Lambda invocation URI, perhaps naming a stage variable
 * @param awsUri               the URI parsed at load, or null when it names a stage variable
 * @param credentials          {@code authorizerCredentials}: the role to invoke with, or null for the function's
 *                             own credentials
 * @param identitySources      {@code identitySource} as mapping expressions ({@code method.request.header.Auth},
 *                             {@code method.request.querystring.q}, {@code stageVariables.v}, {@code context.x}),
 *                             in file order; for TOKEN exactly one header
 * @param validationExpression {@code identityValidationExpression} (TOKEN only), or null
 * @param ttlSeconds           {@code authorizerResultTtlInSeconds}: 0 to 3600, 300 when unset; 0 is no caching
 */
public record AuthorizerDefinition(
        String name,
        Type type,
        String uri,
        AwsServiceUri awsUri,
        String credentials,
        List<String> identitySources,
        Pattern validationExpression,
        int ttlSeconds) {

    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MAX_TTL_SECONDS = 3600;

    public enum Type { TOKEN, REQUEST }

    /** The URI to invoke, with any stage variable substituted. */
    public AwsServiceUri awsUri(java.util.Map<String, String> stageVariables) {
        return awsUri != null ? awsUri : AwsServiceUri.parse(uri, stageVariables);
    }

    /** How {@code ./portico check} and the logs name it: {@code TokenAuth (a Lambda TOKEN authorizer)}. */
    public String describe() {
        return name + " (" + (type == Type.TOKEN ? AccessKind.LAMBDA_TOKEN : AccessKind.LAMBDA_REQUEST).description()
                + ")";
    }
}
