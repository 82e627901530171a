package dev.portico.integration.aws;

import dev.portico.event.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signature Version 4 for requests whose body is in memory, as "Create a signed AWS API request" and "Elements of
 * an AWS API request signature" (AWS Identity and Access Management User Guide) specify: canonical request
 * (method, URI-encoded path, twice for every service but S3, with {@code .} and {@code ..} segments resolved;
 * canonical query sorted by encoded name then value; signed headers lower case, sorted, values trimmed and inner
 * runs of spaces made one; hex SHA-256 of the payload), string to sign with the credential scope, and the
 * signing key derived from the secret, date, region and service.
 *
 * <p>Why not the SDK's {@code AwsV4HttpSigner}: on the AWS_PROXY path it allocated about 30 KB per call (40% of
 * the whole event, measured with JFR: request builders, a stream copy of the payload, the canonical strings made
 * several times) and derived the signing key anew each time. This one makes the canonical request once, caches
 * the signing key per secret, day, region and service, and keeps one {@link Mac} and {@link MessageDigest} per
 * thread. Its output is checked against the SDK's signer, byte for byte, and against a verifier that recomputes
 * signatures from the wire (SigV4SignerTest, SignedOnTheWireTest). Like the SDK's signer it always signs
 * {@code x-amz-content-sha256}, and leaves {@code User-Agent}, {@code X-Amzn-Trace-Id}, {@code Connection} and
 * {@code Expect} unsigned (a proxy or tracer on the way may change them).
 */
public final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final java.util.Set<String> UNSIGNED = java.util.Set.of("user-agent", "x-amzn-trace-id",
            "connection", "expect", "content-length", "transfer-encoding");
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final int KEY_CACHE_LIMIT = 64;

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private record KeyId(String secret, String date, String region, String service) {}

    private final Map<KeyId, byte[]> signingKeys = new ConcurrentHashMap<>();

    /**
     * A request as signed: what goes on the wire, exactly.
     *
     * @param uri     scheme, host and port of the endpoint
     * @param target  the encoded path, then {@code ?} and the encoded query when there is one
     * @param headers every header to send, Host and Authorization included (frozen)
     */
    public record Signed(String method, URI uri, String target, Headers headers) {}

    /**
     * @param path  percent-encoded path (as the wire carries it), starting with {@code /}
     * @param query raw (not yet encoded) names and values
     */
    Signed sign(String method, URI endpoint, String path, Map<String, List<String>> query, Headers given, byte[] body,
                String service, String region, AwsCredentialsIdentity credentials, Instant at) {
        boolean s3 = service.equals("s3");
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        String payloadHash = given.contains("x-amz-content-sha256") ? given.last("x-amz-content-sha256") : sha256Hex(body);

        Headers headers = given.copy();
        String host = host(endpoint);
        headers.set("Host", host);
        headers.set("X-Amz-Date", amzDate);
        if (credentials instanceof AwsSessionCredentialsIdentity session) {
            headers.set("X-Amz-Security-Token", session.sessionToken());
        }
        if (!headers.contains("x-amz-content-sha256")) {
            headers.set("x-amz-content-sha256", payloadHash);
        }

        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!UNSIGNED.contains(key)) {
                canonical.merge(key, canonicalValue(values), (a, b) -> a + "," + b);
            }
        });
        StringBuilder signedHeaders = new StringBuilder(64);
        StringBuilder request = new StringBuilder(512).append(method).append('\n');
        String wirePath = path == null || path.isEmpty() ? "/" : path;
        request.append(s3 ? wirePath : encodeSegments(normalize(wirePath))).append('\n');
        String canonicalQuery = canonicalQuery(query);
        request.append(canonicalQuery).append('\n');
        canonical.forEach((name, value) -> {
            request.append(name).append(':').append(value).append('\n');
            if (!signedHeaders.isEmpty()) {
                signedHeaders.append(';');
            }
            signedHeaders.append(name);
        });
        request.append('\n').append(signedHeaders).append('\n').append(payloadHash);

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(request.toString().getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(hmac(signingKey(credentials.secretAccessKey(), date, region, service),
                stringToSign.getBytes(StandardCharsets.UTF_8)));
        headers.set("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        String target = canonicalQuery.isEmpty() ? wirePath : wirePath + "?" + canonicalQuery;
        return new Signed(method, endpoint, target, headers.freeze());
    }

    /** The Host header: the port only when it is not the scheme's default, as HTTP clients send it. */
    static String host(URI endpoint) {
        int port = endpoint.getPort();
        boolean standard = port == -1 || port == (endpoint.getScheme().equalsIgnoreCase("https") ? 443 : 80);
        return standard ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private static String canonicalValue(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            String trimmed = value.strip();
            boolean space = false;
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c == ' ') {
                    if (!space) {
                        out.append(c);
                    }
                    space = true;
                } else {
                    out.append(c);
                    space = false;
                }
            }
        }
        return out.toString();
    }

    /** Names and values URI-encoded, sorted by name then value: the canonical query, and what the wire carries. */
    static String canonicalQuery(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        query.forEach((name, values) -> {
            String encodedName = uriEncode(name);
            if (values.isEmpty()) {
                pairs.add(new String[] {encodedName, ""});
            }
            for (String value : values) {
                pairs.add(new String[] {encodedName, uriEncode(value == null ? "" : value)});
            }
        });
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Removes {@code .} segments and resolves {@code ..} ones (RFC 3986 section 5.2.4). */
    static String normalize(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        return URI.create("http://h" + path).normalize().getRawPath();
    }

    /** Each segment URI-encoded once more, the slashes kept. */
    private static String encodeSegments(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                out.append(c);
            } else {
                appendEncoded(out, c);
            }
        }
        return out.toString();
    }

    /** SigV4's URI encoding: {@code A-Z a-z 0-9 - _ . ~} kept, every other UTF-8 byte {@code %XY}. */
    static String uriEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendEncoded(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static void appendEncoded(StringBuilder out, char c) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~') {
            out.append(c);
        } else if (c < 0x80) {
            out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
        } else {
            out.append(uriEncode(String.valueOf(c)));
        }
    }

    private byte[] signingKey(String secret, String date, String region, String service) {
        KeyId id = new KeyId(secret, date, region, service);
        byte[] key = signingKeys.get(id);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.getBytes(StandardCharsets.UTF_8));
            key = hmac(key, region.getBytes(StandardCharsets.UTF_8));
            key = hmac(key, service.getBytes(StandardCharsets.UTF_8));
            key = hmac(key, "aws4_request".getBytes(StandardCharsets.UTF_8));
            if (signingKeys.size() >= KEY_CACHE_LIMIT) {
                signingKeys.clear(); // a new day, or many roles: start over rather than grow
            }
            signingKeys.put(id, key);
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data);
    }

    static String sha256Hex(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(data));
    }
}
