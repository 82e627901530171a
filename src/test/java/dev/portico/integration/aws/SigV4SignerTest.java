package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.event.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@link SigV4} signs exactly as the AWS SDK's own {@code AwsV4HttpSigner} does (the signer every AWS SDK for Java
 * client uses), over requests of every shape the integrations send: the same {@code Authorization}, the same
 * {@code X-Amz-Date}, {@code x-amz-content-sha256} and session token, and on the wire the same encoded path.
 */
class SigV4SignerTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:15:30Z");
    private static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG");
    private static final AwsSessionCredentials SESSION = AwsSessionCredentials.create("ASIAEXAMPLE", "secret/+=",
            "FwoGZXIvYXdzEJr//////////wEaDEXAMPLE+token=");

    static Stream<Arguments> requests() {
        Map<String, List<String>> sqs = new LinkedHashMap<>();
        sqs.put("Action", List.of("SendMessage"));
        sqs.put("MessageBody", List.of("hello world & more = ü ~*+/"));
        sqs.put("Version", List.of("2012-11-05"));
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        repeated.put("b", List.of("2", "10", "1"));
        repeated.put("a", List.of(""));
        repeated.put("A", List.of("x"));
        repeated.put("emoji", List.of("😀"));
        return Stream.of(
                Arguments.of("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/invocations",
                        Map.of(), new Headers().set("Content-Type", "application/json").set("X-Amz-Invocation-Type",
                                "RequestResponse"), "{\"a\":1}", "lambda", KEYS),
                Arguments.of("GET", "/123456789012/queue", sqs, new Headers(), "", "sqs", KEYS),
                Arguments.of("GET", "/", repeated, new Headers().add("X-Multi", "  a   b ").add("x-multi", "c"), "",
                        "service", SESSION),
                Arguments.of("POST", "/", Map.of(), new Headers().set("Content-Type", "application/x-amz-json-1.0")
                        .set("X-Amz-Target", "DynamoDB_20120810.PutItem"), "{\"TableName\":\"t\"}", "dynamodb", SESSION),
                Arguments.of("PUT", "/bucket/a%20key/%C3%BC.txt", Map.of(), new Headers().set("Content-Type", "text/plain"),
                        "object", "s3", KEYS),
                Arguments.of("GET", "/bucket/dir/./x/../y", Map.of("list-type", List.of("2")), new Headers(), "", "s3", KEYS),
                Arguments.of("GET", "/a/./b/../c%20d", Map.of(), new Headers(), "", "execute-api", KEYS),
                Arguments.of("DELETE", "/", Map.of("Action", List.of("DeleteMessage")), new Headers()
                        .set("User-Agent", "not signed"), "", "sqs", KEYS));
    }

    @ParameterizedTest(name = "{5} {0} {1}")
    @MethodSource("requests")
    void signsAsTheSdkSigns(String method, String path, Map<String, List<String>> query, Headers headers, String body,
                            String service, AwsCredentialsIdentity credentials) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI endpoint = URI.create("https://" + service + ".eu-west-1.amazonaws.com");
        SigV4.Signed ours = new SigV4().sign(method, endpoint, path, query, headers.freeze(), bytes, service,
                "eu-west-1", credentials, AT);

        boolean s3 = service.equals("s3");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(endpoint + path));
        query.forEach(request::putRawQueryParameter);
        headers.forEach(request::putHeader);
        SdkHttpRequest sdk = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC))).request();

        for (String header : List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token", "Host")) {
            assertEquals(sdk.firstMatchingHeader(header).orElse(null), ours.headers().first(header), header);
        }
        assertEquals(sdk.encodedPath(), ours.target().replaceFirst("\\?.*", ""));
    }
}
