package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.event.Headers;
import dev.portico.integration.aws.SigningHttpClient.Call;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The signer against AWS's published SigV4 test suite ("aws-sig-v4-test-suite" in the AWS General Reference):
 * credentials AKIDEXAMPLE, us-east-1, service "service", 20150830T123600Z; the signatures below are the suite's.
 *
 * <p>The SDK's {@code AwsV4HttpSigner} always adds and signs {@code x-amz-content-sha256} (AWS services accept
 * it), which the suite's requests do not have, so its Authorization cannot equal the suite's verbatim. The test
 * therefore checks a chain: a small reference computation of the documented algorithm reproduces each
 * published signature exactly, and the SDK signer's output equals that same reference computation over the
 * request with the one extra header.
 */
class SigV4TestSuiteTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "20150830T123600Z";
    private static final String SCOPE = "20150830/us-east-1/service/aws4_request";
    private static final Clock AT = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "get-vanilla | GET | '' | '' | '' | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "get-vanilla-query-order-key-case | GET | Param2=value2&Param1=value1 | '' | '' | b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            "post-vanilla | POST | '' | '' | '' | 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            "post-x-www-form-urlencoded | POST | '' | application/x-www-form-urlencoded | Param1=value1 | ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    })
    void signsAsTheSuitePublishes(String name, String method, String query, String contentType, String body,
                                  String published) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) params.put(pair.split("=")[0], List.of(pair.split("=")[1]));
        }
        Map<String, String> suiteHeaders = new TreeMap<>();
        suiteHeaders.put("host", "example.amazonaws.com");
        suiteHeaders.put("x-amz-date", DATE);
        if (!contentType.isEmpty()) suiteHeaders.put("content-type", contentType);
        String payloadHash = SigningHttpClient.sha256Hex(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(published, reference(method, params, suiteHeaders, payloadHash), "reference vs the suite");

        Headers headers = new Headers();
        if (!contentType.isEmpty()) headers.set("Content-Type", contentType);
        Call call = new Call(method, URI.create("https://example.amazonaws.com"), "/", params, headers.freeze(),
                body.getBytes(StandardCharsets.UTF_8), "service", "us-east-1");
        SigV4.Signed signed = new SigningHttpClient(new dev.portico.integration.http.VertxBackendClient(), AT)
                .sign(call, AwsBasicCredentials.create(KEY, SECRET));

        suiteHeaders.put("x-amz-content-sha256", payloadHash);
        assertEquals(payloadHash, signed.headers().first("x-amz-content-sha256"));
        assertEquals(DATE, signed.headers().first("X-Amz-Date"));
        assertEquals("AWS4-HMAC-SHA256 Credential=" + KEY + "/" + SCOPE + ", SignedHeaders="
                        + String.join(";", suiteHeaders.keySet()) + ", Signature="
                        + reference(method, params, suiteHeaders, payloadHash),
                signed.headers().first("Authorization"));
    }

    /** The documented algorithm, for this suite's simple requests (path "/", plain query values). */
    private static String reference(String method, Map<String, List<String>> query, Map<String, String> headers,
                                    String payloadHash) throws Exception {
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(query).forEach((name, values) -> values.forEach(value ->
                canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(name).append('=').append(value)));
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String canonicalRequest = String.join("\n", method, "/", canonicalQuery, canonicalHeaders,
                String.join(";", headers.keySet()), payloadHash);
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", DATE, SCOPE,
                SigningHttpClient.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8);
        for (String part : SCOPE.split("/")) {
            key = hmac(key, part);
        }
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
