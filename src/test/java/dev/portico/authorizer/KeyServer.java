package dev.portico.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local key endpoint for tests, on 127.0.0.1 and a free port, with real keys generated here: one Cognito
 * user pool's JWKS at {@code /POOL_ID/.well-known/jwks.json} (RSA keys, rotatable) and the load balancer's public
 * keys at {@code /alb/KID} (EC P-256, PEM). It signs tokens the way Cognito and an ALB do, counts the fetches, and
 * makes bad ones on request (another key, {@code alg: none}, a tampered payload).
 */
public final class KeyServer implements AutoCloseable {
    public static final String POOL = "us-east-1_TestPool1";
    public static final String POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + POOL;
    public static final String CLIENT = "app-client-1";
    public static final String ALB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portico/50dc6c495c0c9188";

    private final HttpServer server;
    private final List<RSAKey> poolKeys = new ArrayList<>();
    private final Map<String, ECKey> albKeys = new ConcurrentHashMap<>();
    private final ECKey albKey;
    public final AtomicInteger jwksFetches = new AtomicInteger();
    public final AtomicInteger albFetches = new AtomicInteger();

    private KeyServer() throws IOException, JOSEException {
        poolKeys.add(newRsaKey());
        albKey = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        albKeys.put(albKey.getKeyID(), albKey);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/" + POOL + "/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            String body;
            synchronized (poolKeys) {
                body = new JWKSet(new ArrayList<>(poolKeys)).toPublicJWKSet().toString();
            }
            answer(exchange, 200, body);
        });
        server.createContext("/alb/", exchange -> {
            albFetches.incrementAndGet();
            String kid = exchange.getRequestURI().getPath().substring("/alb/".length());
            ECKey key = albKeys.get(kid);
            if (key == null) {
                answer(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
                return;
            }
            try {
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.toECPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                answer(exchange, 200, pem);
            } catch (JOSEException e) {
                answer(exchange, 500, e.toString());
            }
        });
        server.start();
    }

    public static KeyServer start() {
        try {
            return new KeyServer();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("cannot start the key server", e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey newRsaKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
    }

    /** What {@code portico.aws.endpoint-override.cognito-idp} and {@code .elb-public-keys} are set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String albKeysUrl() {
        return url() + "/alb";
    }

    /** The pool's issuer as tokens carry it when the endpoint is overridden. */
    public String issuer() {
        return url() + "/" + POOL;
    }

    /** A new signing key, published next to the old one; tokens are signed with it from now on. */
    public void rotate() {
        try {
            synchronized (poolKeys) {
                poolKeys.add(0, newRsaKey());
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A claims set as Cognito issues it, {@code token_use} id or access, valid for an hour. */
    public JWTClaimsSet.Builder claims(String tokenUse) {
        long now = System.currentTimeMillis() / 1000;
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject("8c5a6b3e-0000-4000-8000-000000000001")
                .issuer(issuer())
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + 3600) * 1000))
                .claim("token_use", tokenUse)
                .claim("auth_time", now);
        if (tokenUse.equals("id")) {
            builder.audience(CLIENT).claim("email", "jane@example.com").claim("cognito:username", "jane")
                    .claim("cognito:groups", List.of("admins", "users"));
        } else {
            builder.claim("client_id", CLIENT).claim("scope", "orders/read aws.cognito.signin.user.admin")
                    .claim("username", "jane");
        }
        return builder;
    }

    /** The claims signed RS256 with the pool's current key. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key;
        synchronized (poolKeys) {
            key = poolKeys.get(0);
        }
        return sign(claims, key);
    }

    /** The claims signed with a key the pool never published, under {@code kid}. */
    public String signWithStrangeKey(JWTClaimsSet claims, String kid) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(kid).generate();
            return sign(claims, stranger);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims under a key id the JWKS does not have yet: published on {@link #publish}. */
    public RSAKey unpublishedKey() {
        try {
            return newRsaKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(RSAKey key) {
        synchronized (poolKeys) {
            poolKeys.add(0, key);
        }
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code alg: none}) with the claims, under the pool's key id. */
    public String unsigned(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + poolKeys.get(0).getKeyID() + "\"}")
                .toString();
        return header + "." + Base64URL.encode(claims.toString()) + ".";
    }

    /** A valid token whose payload is then swapped for {@code claims}, the signature kept. */
    public String tampered(JWTClaimsSet signed, JWTClaimsSet claims) {
        String[] parts = sign(signed).split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    /** The claims the load balancer sends, for {@code x-amzn-oidc-data}, valid for {@code seconds}. */
    public Map<String, Object> albClaims() {
        return Map.of("sub", "1234567890", "email", "jane@example.com", "name", "Jane Doe",
                "exp", System.currentTimeMillis() / 1000 + 120, "iss", "https://idp.example.com");
    }

    /**
     * {@code x-amzn-oidc-data} as the load balancer writes it: ES256 over base64url parts that keep their
     * {@code =} padding, the header naming the key, the signer, the issuer, the client and exp.
     */
    public String albToken(String signer, Map<String, Object> claims) {
        return albToken(signer, claims, albKey, true);
    }

    /** The same with a key the endpoint does not serve. */
    public String albTokenWithStrangeKey(Map<String, Object> claims) {
        try {
            return albToken(ALB_ARN, claims, new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .generate(), true);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String albToken(String signer, Map<String, Object> claims, ECKey key, boolean padded) {
        long exp = ((Number) claims.get("exp")).longValue();
        String header = "{\"typ\":\"JWT\",\"kid\":\"" + key.getKeyID() + "\",\"alg\":\"ES256\",\"iss\":\""
                + claims.get("iss") + "\",\"client\":\"alb-client\",\"signer\":\"" + signer + "\",\"exp\":" + exp + "}";
        String payload = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(claims).toString();
        String input = encode(header, padded) + "." + encode(payload, padded);
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initSign(key.toECPrivateKey());
            ecdsa.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] signature = ecdsa.sign();
            return input + "." + encode(signature, padded);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text, boolean padded) {
        return encode(text.getBytes(StandardCharsets.UTF_8), padded);
    }

    private static String encode(byte[] bytes, boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(bytes);
    }

    /** The ALB key, for tokens built by hand. */
    public ECKey albKey() {
        return albKey;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
