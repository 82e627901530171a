package dev.portico.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.integration.http.VertxBackendClient;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.AuthorizerDefinition;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cognito user pool tokens and the load balancer's {@code x-amzn-oidc-data}, verified against a real local key
 * endpoint ({@link KeyServer}) with real RSA and EC keys: every way a token can be wrong, and key rotation, counted
 * at the endpoint.
 */
class JwtVerificationTest {
    private KeyServer keys;
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private CognitoAuthorizers cognito;
    private PorticoSettings settings;

    @BeforeEach
    void start() {
        keys = KeyServer.start();
        settings = PorticoSettings.defaults().withAwsEndpointOverrides(Map.of("cognito-idp", keys.url()));
        cognito = cognito(List.of());
    }

    @AfterEach
    void stop() {
        keys.close();
    }

    private CognitoAuthorizers cognito(List<String> clients) {
        return new CognitoAuthorizers(new JwksCache(new BackendKeyFetcher(new VertxBackendClient()), JwksCache.DEFAULT_MIN_REFETCH_NANOS,
                clock::get), clients, () -> System.currentTimeMillis() / 1000);
    }

    private static AuthorizerDefinition pool(String... scopes) {
        return new AuthorizerDefinition("Pool", AuthorizerDefinition.Type.COGNITO_USER_POOLS, null, null, null,
                List.of("method.request.header.Authorization"), null, 0, List.of(KeyServer.POOL_ARN), List.of(scopes));
    }

    private Map<String, String> verify(CognitoAuthorizers verifier, AuthorizerDefinition authorizer, String token) {
        return verifier.verify("GET /orders: authorizer Pool", authorizer, CognitoAuthorizers.bare(token), settings);
    }

    private GatewayException refused(AuthorizerDefinition authorizer, String token) {
        return assertThrows(GatewayException.class, () -> verify(cognito, authorizer, token));
    }

    private static void assertUnauthorized(GatewayException e, String logged) {
        assertEquals(GatewayResponseType.UNAUTHORIZED, e.type());
        assertEquals(401, e.status());
        assertEquals("Unauthorized", e.getMessage());
        assertTrue(e.logDetail().contains(logged), e.logDetail());
    }

    @Test
    void aValidIdTokenGivesItsClaimsAsStrings() {
        Map<String, String> claims = verify(cognito, pool(), keys.sign(keys.claims("id").build()));
        assertEquals("8c5a6b3e-0000-4000-8000-000000000001", claims.get("sub"));
        assertEquals("jane@example.com", claims.get("email"));
        assertEquals("id", claims.get("token_use"));
        assertEquals("[admins, users]", claims.get("cognito:groups"));
        assertTrue(claims.get("exp").matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}"),
                claims.get("exp"));
        assertTrue(claims.get("auth_time").matches("\\d+"), claims.get("auth_time"));
        assertEquals(1, keys.jwksFetches.get());
        verify(cognito, pool(), keys.sign(keys.claims("access").build()));
        assertEquals(1, keys.jwksFetches.get(), "the JWKS is fetched once and cached");
    }

    @Test
    void aTokenVerifiedBeforeIsStillCheckedOnEveryRequest() {
        AtomicLong epoch = new AtomicLong(System.currentTimeMillis() / 1000);
        CognitoAuthorizers timed = new CognitoAuthorizers(new JwksCache(new BackendKeyFetcher(new VertxBackendClient()),
                JwksCache.DEFAULT_MIN_REFETCH_NANOS, clock::get), List.of(), epoch::get);
        String token = keys.sign(keys.claims("access").build());
        verify(timed, pool(), token);
        verify(timed, pool("orders/read"), token);
        GatewayException scope = assertThrows(GatewayException.class, () -> verify(timed, pool("orders/write"), token));
        assertUnauthorized(scope, "grants none of the scopes");
        epoch.addAndGet(3601);
        GatewayException expired = assertThrows(GatewayException.class, () -> verify(timed, pool(), token));
        assertEquals("The incoming token has expired", expired.getMessage());
        assertEquals(1, keys.jwksFetches.get());
    }

    @Test
    void aBearerPrefixIsTakenOff() {
        assertEquals("access", verify(cognito, pool(), "Bearer " + keys.sign(keys.claims("access").build()))
                .get("token_use"));
    }

    @Test
    void anExpiredTokenIs401WithApiGatewaysMessage() {
        long past = System.currentTimeMillis() / 1000 - 60;
        GatewayException e = refused(pool(), keys.sign(keys.claims("id").expirationTime(new Date(past * 1000)).build()));
        assertEquals(GatewayResponseType.UNAUTHORIZED, e.type());
        assertEquals(401, e.status());
        assertEquals("The incoming token has expired", e.getMessage());
    }

    @Test
    void aTokenNotYetValidOrWithoutExpiryIsRefused() {
        long later = System.currentTimeMillis() / 1000 + 600;
        assertUnauthorized(refused(pool(), keys.sign(keys.claims("id").notBeforeTime(new Date(later * 1000)).build())),
                "not valid before");
        assertUnauthorized(refused(pool(), keys.sign(keys.claims("id").expirationTime(null).build())), "no exp");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertUnauthorized(refused(pool(), keys.sign(keys.claims("id")
                .issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other").build())), "issuer");
        assertUnauthorized(refused(pool(), keys.sign(keys.claims("id").issuer(keys.url() + "/us-east-1_Other").build())),
                "issuer");
    }

    @Test
    void theAppClientIsCheckedWhenConfigured() {
        CognitoAuthorizers strict = cognito(List.of(KeyServer.CLIENT));
        verify(strict, pool(), keys.sign(keys.claims("id").build()));
        verify(strict, pool(), keys.sign(keys.claims("access").build()));
        GatewayException wrongAudience = assertThrows(GatewayException.class,
                () -> verify(strict, pool(), keys.sign(keys.claims("id").audience("other-client").build())));
        assertUnauthorized(wrongAudience, "app client");
        GatewayException wrongClient = assertThrows(GatewayException.class,
                () -> verify(strict, pool(), keys.sign(keys.claims("access").claim("client_id", "other").build())));
        assertUnauthorized(wrongClient, "app client");
        // unset, as on API Gateway: any app client of the pool
        verify(cognito, pool(), keys.sign(keys.claims("id").audience("other-client").build()));
    }

    @Test
    void unsignedTamperedAndForeignTokensAreRefused() {
        JWTClaimsSet claims = keys.claims("id").build();
        assertUnauthorized(refused(pool(), keys.unsigned(claims)), "not a signed JWT");
        JWTClaimsSet admin = keys.claims("id").claim("cognito:groups", List.of("root")).build();
        assertUnauthorized(refused(pool(), keys.tampered(claims, admin)), "signature does not verify");
        String kid = keys.sign(claims).split("\\.")[0];
        String currentKid = new String(java.util.Base64.getUrlDecoder().decode(kid)).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        assertUnauthorized(refused(pool(), keys.signWithStrangeKey(claims, currentKid)), "signature does not verify");
        assertUnauthorized(refused(pool(), "not-a-jwt"), "not a signed JWT");
        assertUnauthorized(refused(pool(), "a.b.c"), "not a signed JWT");
        String hmac = hmacToken(claims);
        assertUnauthorized(refused(pool(), hmac), "not RS256");
    }

    private static String hmacToken(JWTClaimsSet claims) {
        try {
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scopesNeedAnAccessTokenThatGrantsOne() {
        verify(cognito, pool("orders/read"), keys.sign(keys.claims("access").build()));
        verify(cognito, pool("orders/write", "orders/read"), keys.sign(keys.claims("access").build()));
        assertUnauthorized(refused(pool("orders/write"), keys.sign(keys.claims("access").build())),
                "grants none of the scopes orders/write");
        assertUnauthorized(refused(pool("orders/read"), keys.sign(keys.claims("id").build())),
                "the id token grants none");
        assertUnauthorized(refused(pool(), keys.sign(keys.claims("refresh").build())), "token_use");
    }

    @Test
    void anUnknownKidFetchesTheKeysAgainAtMostOncePerInterval() {
        verify(cognito, pool(), keys.sign(keys.claims("id").build()));
        assertEquals(1, keys.jwksFetches.get());
        RSAKey next = keys.unpublishedKey();
        String early = KeyServer.sign(keys.claims("id").build(), next);
        // the pool signs with a key it has not published yet: one fetch, then none until the interval is over
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertUnauthorized(refused(pool(), early), "kid");
        assertEquals(2, keys.jwksFetches.get());
        for (int i = 0; i < 20; i++) {
            assertUnauthorized(refused(pool(), keys.signWithStrangeKey(keys.claims("id").build(), "made-up-" + i)), "kid");
        }
        assertEquals(2, keys.jwksFetches.get(), "made-up key ids do not reach the endpoint");
        keys.publish(next);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertEquals("id", verify(cognito, pool(), early).get("token_use"), "the rotated key is fetched");
        assertEquals(3, keys.jwksFetches.get());
        keys.rotate();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        verify(cognito, pool(), keys.sign(keys.claims("id").build()));
        verify(cognito, pool(), early);
        assertEquals(4, keys.jwksFetches.get());
    }

    @Test
    void aPoolWhoseKeysCannotBeFetchedIsAConfigurationError() {
        PorticoSettings nowhere = PorticoSettings.defaults()
                .withAwsEndpointOverrides(Map.of("cognito-idp", "http://127.0.0.1:1"));
        String token = KeyServer.sign(keys.claims("id").issuer("http://127.0.0.1:1/" + KeyServer.POOL).build(),
                keys.unpublishedKey());
        GatewayException e = assertThrows(GatewayException.class,
                () -> cognito.verify("GET /orders: authorizer Pool", pool(), token, nowhere));
        assertEquals(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, e.type());
        assertEquals(500, e.status());
    }

    @Test
    void issuersComeFromTheProviderArnsWithStageVariables() {
        AuthorizerDefinition variable = new AuthorizerDefinition("Pool", AuthorizerDefinition.Type.COGNITO_USER_POOLS,
                null, null, null, List.of("method.request.header.Authorization"), null, 0,
                List.of("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${stageVariables.pool}"), List.of());
        assertEquals(List.of("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc"), CognitoAuthorizers.issuers(
                "x", variable, PorticoSettings.defaults().withStageVariables(Map.of("pool", "eu-west-1_Abc"))));
        GatewayException unset = assertThrows(GatewayException.class,
                () -> CognitoAuthorizers.issuers("x", variable, PorticoSettings.defaults()));
        assertEquals(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, unset.type());
    }

    // --- the load balancer's identity ---

    private AlbOidcIdentity alb(List<String> signers) {
        return new AlbOidcIdentity(signers, new AlbPublicKeys(new BackendKeyFetcher(new VertxBackendClient()), AlbPublicKeys.DEFAULT_WINDOW_NANOS,
                clock::get), () -> System.currentTimeMillis() / 1000);
    }

    private Map<String, String> albVerify(AlbOidcIdentity identity, String token) {
        return identity.verify("x-amzn-oidc-data", token, keys.albKeysUrl());
    }

    @Test
    void theLoadBalancersPaddedTokenVerifies() {
        AlbOidcIdentity identity = alb(List.of(KeyServer.ALB_ARN));
        String token = keys.albToken(KeyServer.ALB_ARN, keys.albClaims());
        assertTrue(token.split("\\.")[0].endsWith("=") || token.split("\\.")[1].endsWith("=")
                || token.split("\\.")[2].endsWith("="), "the test token keeps ALB's padding: " + token);
        Map<String, String> claims = albVerify(identity, token);
        assertEquals("jane@example.com", claims.get("email"));
        assertEquals("1234567890", claims.get("sub"));
        albVerify(identity, keys.albToken(KeyServer.ALB_ARN, keys.albClaims(), keys.albKey(), false));
        assertEquals(1, keys.albFetches.get(), "the key is fetched once");
    }

    @Test
    void aForeignOrForgedLoadBalancerTokenIsRefused() {
        AlbOidcIdentity identity = alb(List.of(KeyServer.ALB_ARN));
        String other = "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/evil/1";
        assertUnauthorized(assertThrows(GatewayException.class,
                () -> albVerify(identity, keys.albToken(other, keys.albClaims()))), "not in portico.alb-oidc.signers");
        String strange = keys.albTokenWithStrangeKey(keys.albClaims());
        for (int i = 0; i < 3; i++) {
            assertUnauthorized(assertThrows(GatewayException.class, () -> albVerify(identity, strange)), "kid");
        }
        assertEquals(1, keys.albFetches.get(), "a key the endpoint does not have is asked for once");
        for (int i = 0; i < AlbPublicKeys.FETCHES_PER_WINDOW + 5; i++) {
            String madeUp = keys.albTokenWithStrangeKey(keys.albClaims());
            assertUnauthorized(assertThrows(GatewayException.class, () -> albVerify(identity, madeUp)), "kid");
        }
        assertEquals(AlbPublicKeys.FETCHES_PER_WINDOW, keys.albFetches.get(), "made-up key ids are rate limited");
        clock.addAndGet(AlbPublicKeys.DEFAULT_WINDOW_NANOS);
        String good = keys.albToken(KeyServer.ALB_ARN, keys.albClaims());
        Map<String, Object> forged = new HashMap<>(keys.albClaims());
        forged.put("email", "root@example.com");
        String[] parts = good.split("\\.");
        String[] other2 = keys.albToken(KeyServer.ALB_ARN, forged).split("\\.");
        assertUnauthorized(assertThrows(GatewayException.class,
                () -> albVerify(identity, parts[0] + "." + other2[1] + "." + parts[2])), "signature does not verify");
        Map<String, Object> expired = new HashMap<>(keys.albClaims());
        expired.put("exp", System.currentTimeMillis() / 1000 - 5);
        assertUnauthorized(assertThrows(GatewayException.class,
                () -> albVerify(identity, keys.albToken(KeyServer.ALB_ARN, expired))), "expired");
        assertUnauthorized(assertThrows(GatewayException.class,
                () -> albVerify(identity, keys.sign(keys.claims("id").build()))), "not ES256");
    }

    @Test
    void anUnreachableKeyEndpointIsAConfigurationError() {
        AlbOidcIdentity identity = alb(List.of(KeyServer.ALB_ARN));
        GatewayException e = assertThrows(GatewayException.class, () -> identity.verify("x-amzn-oidc-data",
                keys.albToken(KeyServer.ALB_ARN, keys.albClaims()), "http://127.0.0.1:1"));
        assertEquals(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, e.type());
    }
}
