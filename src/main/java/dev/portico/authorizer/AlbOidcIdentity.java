package dev.portico.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.errors.GatewayException;
import dev.portico.invocation.Invocation;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user identity an Application Load Balancer's {@code authenticate-oidc} or {@code authenticate-cognito} action
 * sends to its target, verified, as the ELB guide's "Authenticate users using an Application Load Balancer" asks
 * of a target: {@code x-amzn-oidc-data} is a JWT signed by the load balancer with ES256; its header names the key
 * ({@code kid}, fetched from {@code https://public-keys.auth.elb.REGION.amazonaws.com/KID} as PEM) and the
 * {@code signer}, the load balancer's ARN, which must be one of {@code portico.alb-oidc.signers}; {@code exp} (in
 * the header or the claims) must be there and in the future. The guide warns that the load balancer's base64url keeps its
 * {@code =} padding, which strict JWT parsers refuse; the signature covers the token as sent, padding included, so
 * it is verified over those exact characters.
 *
 * <p>Beyond API Gateway. With signers configured, every request that carries the header is verified: its claims
 * become {@code $context.authorizer.claims} (and {@code requestContext.authorizer.claims} of a Lambda proxy event),
 * and a header that does not verify answers 401, so a forged identity never reaches an integration. A route that
 * requires it ({@code x-portico-authorizer: {type: alb_oidc}}) answers 401 without it. Without signers nothing is
 * verified and the header passes as any other. {@code portico.aws.endpoint-override.elb-public-keys} replaces the
 * key endpoint (tests, GovCloud's S3 URL).
 */
final class AlbOidcIdentity {
    static final String HEADER = "x-amzn-oidc-data";
    static final String ENDPOINT_OVERRIDE = "elb-public-keys";
    private static final Pattern REGION = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):.*");

    private final Set<String> signers;
    private final AlbPublicKeys keys;
    private final LongSupplier epochSeconds;
    private final VerifiedTokens verified = new VerifiedTokens();

    AlbOidcIdentity(List<String> signers, AlbPublicKeys keys, LongSupplier epochSeconds) {
        this.signers = Set.copyOf(signers);
        this.keys = keys;
        this.epochSeconds = epochSeconds;
    }

    /** Whether any load balancer is configured, so that identities are verified at all. */
    boolean enabled() {
        return !signers.isEmpty();
    }

    /** The verified claims of the request's {@code x-amzn-oidc-data}, or null when it has none or none is verified. */
    Map<String, String> identify(Invocation invocation) {
        if (!enabled()) {
            return null;
        }
        String token = invocation.request().headers().last(HEADER);
        if (token == null || token.isEmpty()) {
            return null;
        }
        String where = (invocation.route() == null ? "" : invocation.route().name() + ": ") + HEADER;
        return verify(where, token.trim(), invocation.settings().awsEndpointOverrides().get(ENDPOINT_OVERRIDE));
    }

    Map<String, String> verify(String where, String token, String endpointOverride) {
        if (token.length() > CognitoAuthorizers.MAX_TOKEN) {
            throw GatewayException.unauthorized(where + " is longer than " + CognitoAuthorizers.MAX_TOKEN + " characters");
        }
        long now = epochSeconds.getAsLong();
        JsonNode known = verified.get(token, now);
        if (known != null) {
            return JwtClaims.strings(known);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw GatewayException.unauthorized(where + " is not a signed JWT");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw GatewayException.unauthorized(where + " is signed with " + jwt.getHeader().getAlgorithm()
                    + ", not ES256");
        }
        Object signer = jwt.getHeader().getCustomParam("signer");
        if (!(signer instanceof String arn) || !signers.contains(arn)) {
            throw GatewayException.unauthorized(where + " is signed by a load balancer not in portico.alb-oidc.signers");
        }
        Matcher region = REGION.matcher(arn);
        String base = endpointOverride != null && !endpointOverride.isBlank()
                ? (endpointOverride.endsWith("/") ? endpointOverride.substring(0, endpointOverride.length() - 1)
                : endpointOverride)
                : region.matches() ? "https://public-keys.auth.elb." + region.group(1) + ".amazonaws.com" : null;
        if (base == null) {
            throw GatewayException.authorizerConfigurationError(where + ": signer " + arn
                    + " is not a load balancer ARN, so its region's key endpoint is unknown");
        }
        ECPublicKey key;
        try {
            key = keys.key(base, jwt.getHeader().getKeyID());
        } catch (AlbPublicKeys.Unavailable e) {
            throw GatewayException.authorizerConfigurationError(where + ": the load balancer's key cannot be fetched: "
                    + e.getMessage());
        }
        if (key == null) {
            throw GatewayException.unauthorized(where + " names a kid the key endpoint does not have");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw GatewayException.unauthorized(where + ": the signature does not verify");
            }
        } catch (JOSEException e) {
            throw GatewayException.unauthorized(where + ": the signature cannot be verified: " + e.getMessage());
        }
        JsonNode claims = JwtClaims.parse(jwt.getPayload().toString());
        if (claims == null) {
            throw GatewayException.unauthorized(where + ": the payload is not a JSON object");
        }
        Object headerExp = jwt.getHeader().getCustomParam("exp");
        Long exp = headerExp instanceof Number number ? Long.valueOf(number.longValue()) : JwtClaims.seconds(claims, "exp");
        if (exp == null) {
            throw GatewayException.unauthorized(where + " has no exp");
        }
        if (exp <= now) {
            throw GatewayException.unauthorized(where + " expired at " + exp);
        }
        // kept until the claims' own exp (the header's is the same on the load balancer's tokens)
        verified.put(token, claims.has("exp") ? claims : ((com.fasterxml.jackson.databind.node.ObjectNode) claims.deepCopy())
                .put("exp", exp));
        return JwtClaims.strings(claims);
    }
}
