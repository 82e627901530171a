package dev.portico.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.errors.GatewayException;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.mapping.ParameterSources;
import dev.portico.route.AuthorizerDefinition;
import dev.portico.template.Regex;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cognito user pool authorizers ({@code type: cognito_user_pools}), as AWS's "Control access to REST APIs using
 * Amazon Cognito user pools as an authorizer" and Cognito's "Verifying a JSON Web Token" describe them. The token
 * is the identity source header's value (a {@code Bearer } prefix is taken off too). It is accepted only when:
 *
 * <ol>
 *   <li>it is a JWS signed with RS256 (never {@code alg: none}, never HMAC), no longer than {@link #MAX_TOKEN};</li>
 *   <li>its {@code iss} is the issuer of one of the authorizer's {@code providerARNs},
 *       {@code https://cognito-idp.REGION.amazonaws.com/POOL_ID};</li>
 *   <li>its {@code kid} names a key of that pool's JWKS ({@code ISSUER/.well-known/jwks.json}, fetched once and
 *       cached, fetched again for an unknown {@code kid}: {@link JwksCache}) and the signature verifies;</li>
 *   <li>{@code exp} is in the future (else API Gateway's 401 "The incoming token has expired") and {@code nbf},
 *       when present, is not;</li>
 *   <li>{@code token_use} is {@code id} or {@code access};</li>
 *   <li>when the operation lists OAuth scopes, it is an access token whose {@code scope} holds at least one of them
 *       (an ID token carries no scopes: AWS's page says scopes authorize with access tokens);</li>
 *   <li>when {@code portico.cognito.client-ids} is set, its {@code aud} (ID token) or {@code client_id} (access
 *       token) is one of them. API Gateway's REST authorizer has no such setting and accepts every app client of
 *       the pool, which is also Portico's default.</li>
 * </ol>
 *
 * Anything else is 401 Unauthorized, as API Gateway answers for a missing, invalid or unsuitable token (a wrong
 * scope included). A pool whose keys cannot be fetched is AUTHORIZER_CONFIGURATION_ERROR (500), the gateway
 * response AWS lists for failing to reach a Cognito authorizer. The claims go to {@code $context.authorizer.claims}
 * and the Lambda proxy event's {@code requestContext.authorizer.claims} ({@link JwtClaims}). Results are not cached
 * as a Lambda authorizer's are: only a token's verified signature is ({@link VerifiedTokens}), and every other
 * check is made on every request, so an expired token is never let through.
 *
 * <p>The issuer's host is {@code cognito-idp.REGION.amazonaws.com}; {@code portico.aws.endpoint-override.cognito-idp}
 * replaces {@code https://cognito-idp.REGION.amazonaws.com} (for a local pool such as cognito-local, or tests), and
 * tokens must then carry that issuer, as a local pool issues them.
 */
final class CognitoAuthorizers {
    /** The longest token looked at; Cognito's tokens are 1 to 2 KB. */
    static final int MAX_TOKEN = 16 * 1024;
    static final String ENDPOINT_OVERRIDE = "cognito-idp";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):[0-9]{12}:userpool/(.+)");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)\\}");

    private final JwksCache keys;
    private final VerifiedTokens verified = new VerifiedTokens();
    private final Set<String> clientIds;
    private final LongSupplier epochSeconds;

    CognitoAuthorizers(JwksCache keys, List<String> clientIds, LongSupplier epochSeconds) {
        this.keys = keys;
        this.clientIds = Set.copyOf(clientIds);
        this.epochSeconds = epochSeconds;
    }

    /** Verifies the request's token for {@code authorizer}, and records its claims; or throws the gateway's answer. */
    void authorize(Invocation invocation, AuthorizerDefinition authorizer) {
        String where = invocation.route().name() + ": authorizer " + authorizer.name();
        String source = authorizer.identitySources().get(0);
        String token = ParameterSources.resolve(source, invocation);
        if (token == null || token.isBlank()) {
            throw GatewayException.unauthorized(where + ": identity source " + source + " is missing or empty");
        }
        if (authorizer.validationExpression() != null) {
            boolean matches;
            try {
                matches = Regex.matches(authorizer.validationExpression(), token);
            } catch (Regex.LimitExceeded e) {
                matches = false;
            }
            if (!matches) {
                throw GatewayException.unauthorized(where + ": the token does not match identityValidationExpression");
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("claims", verify(where, authorizer, bare(token), invocation.settings()));
        invocation.authorized(result);
    }

    /** The verified token's claims as strings; throws 401 (or 500 for keys that cannot be had) otherwise. */
    Map<String, String> verify(String where, AuthorizerDefinition authorizer, String token, PorticoSettings settings) {
        if (token.length() > MAX_TOKEN) {
            throw GatewayException.unauthorized(where + ": the token is longer than " + MAX_TOKEN + " characters");
        }
        long now = epochSeconds.getAsLong();
        JsonNode claims = verified.get(token, now);
        if (claims == null) {
            claims = verifySignature(where, authorizer, token, settings);
            verified.put(token, claims);
        } else if (!issuers(where, authorizer, settings).contains(claims.path("iss").asText(""))) {
            throw GatewayException.unauthorized(where + ": the token's issuer is not one of the authorizer's user pools");
        }
        return checkClaims(where, authorizer, claims, now);
    }

    /** The claims of a token whose form, issuer and signature are right; throws the gateway's answer otherwise. */
    private JsonNode verifySignature(String where, AuthorizerDefinition authorizer, String token,
                                     PorticoSettings settings) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw GatewayException.unauthorized(where + ": the token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw GatewayException.unauthorized(where + ": the token is signed with " + jwt.getHeader().getAlgorithm()
                    + ", not RS256");
        }
        JsonNode claims = JwtClaims.parse(jwt.getPayload().toString());
        if (claims == null) {
            throw GatewayException.unauthorized(where + ": the token's payload is not a JSON object");
        }
        String issuer = claims.path("iss").asText("");
        if (!issuers(where, authorizer, settings).contains(issuer)) {
            throw GatewayException.unauthorized(where + ": the token's issuer is not one of the authorizer's user pools");
        }
        String kid = jwt.getHeader().getKeyID();
        RSAPublicKey key;
        try {
            key = kid == null ? null : keys.key(URI.create(issuer + "/.well-known/jwks.json"), kid);
        } catch (JwksCache.Unavailable e) {
            throw GatewayException.authorizerConfigurationError(where + ": the user pool's keys cannot be fetched: "
                    + e.getMessage());
        }
        if (key == null) {
            throw GatewayException.unauthorized(where + ": the token's kid is not a key of its user pool");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw GatewayException.unauthorized(where + ": the token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw GatewayException.unauthorized(where + ": the token's signature cannot be verified: " + e.getMessage());
        }
        return claims;
    }

    /** Expiry, use, scopes and app client of a token whose signature verified; its claims as strings. */
    private Map<String, String> checkClaims(String where, AuthorizerDefinition authorizer, JsonNode claims, long now) {
        Long exp = JwtClaims.seconds(claims, "exp");
        if (exp == null) {
            throw GatewayException.unauthorized(where + ": the token has no exp");
        }
        if (exp <= now) {
            throw GatewayException.expiredToken(where + ": the token expired at " + exp);
        }
        Long nbf = JwtClaims.seconds(claims, "nbf");
        if (nbf != null && nbf > now) {
            throw GatewayException.unauthorized(where + ": the token is not valid before " + nbf);
        }
        String use = claims.path("token_use").asText("");
        if (!use.equals("id") && !use.equals("access")) {
            throw GatewayException.unauthorized(where + ": token_use is '" + abbreviate(use) + "', not id or access");
        }
        if (!authorizer.scopes().isEmpty()) {
            List<String> granted = Arrays.asList(claims.path("scope").asText("").split(" "));
            if (!use.equals("access") || authorizer.scopes().stream().noneMatch(granted::contains)) {
                throw GatewayException.unauthorized(where + ": the " + use + " token grants none of the scopes "
                        + String.join(" ", authorizer.scopes()));
            }
        }
        if (!clientIds.isEmpty()) {
            List<String> clients = use.equals("id") ? JwtClaims.values(claims, "aud")
                    : JwtClaims.values(claims, "client_id");
            if (clients.stream().noneMatch(clientIds::contains)) {
                throw GatewayException.unauthorized(where + ": the token's app client is not one of "
                        + "portico.cognito.client-ids");
            }
        }
        return JwtClaims.strings(claims);
    }

    /**
     * The issuers of the authorizer's user pools, stage variables substituted: {@code https://cognito-idp.REGION
     * .amazonaws.com/POOL_ID}, or the endpoint override's URL and the pool id.
     */
    static List<String> issuers(String where, AuthorizerDefinition authorizer, PorticoSettings settings) {
        List<String> issuers = new ArrayList<>(authorizer.providerArns().size());
        String override = settings.awsEndpointOverrides().get(ENDPOINT_OVERRIDE);
        for (String arn : authorizer.providerArns()) {
            Matcher matcher = ARN.matcher(substitute(where, arn, settings.stageVariables()));
            if (!matcher.matches()) {
                throw GatewayException.authorizerConfigurationError(where + ": providerARN " + arn
                        + " is not a user pool ARN once its stage variables are substituted");
            }
            String base = override != null && !override.isBlank() ? stripSlash(override)
                    : "https://cognito-idp." + matcher.group(1) + ".amazonaws.com";
            issuers.add(base + "/" + matcher.group(2));
        }
        return issuers;
    }

    private static String substitute(String where, String arn, Map<String, String> stageVariables) {
        if (!arn.contains("${")) {
            return arn;
        }
        Matcher matcher = STAGE_VARIABLE.matcher(arn);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = stageVariables.get(matcher.group(1));
            if (value == null || !value.matches("[A-Za-z0-9_-]+")) {
                throw GatewayException.authorizerConfigurationError(where + ": providerARN " + arn
                        + " names stage variable " + matcher.group(1) + ", which is unset or not a pool id or region");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The token without a {@code Bearer } prefix, which clients often send. */
    static String bare(String token) {
        String trimmed = token.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : trimmed;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20).toLowerCase(Locale.ROOT) + "..." : text;
    }
}
