package dev.portico.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.mapping.PayloadConversion.Payload;
import dev.portico.route.ContentHandling;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two tables of "Content type conversions in API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html),
 * one row per case. Payloads: {@code TEXT} is the text "hello", {@code B64} its base64 text "aGVsbG8=",
 * {@code BIN} the bytes of "hello" marked binary.
 */
class PayloadConversionTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO_B64 = Base64.getEncoder().encode(HELLO);
    private static final List<String> IMAGES = List.of("image/*", "application/octet-stream");

    private static byte[] bytes(String name) {
        return name.equals("B64") ? HELLO_B64 : HELLO;
    }

    private static void assertPayload(String expected, Payload actual) {
        assertArrayEquals(bytes(expected), actual.bytes(), "payload bytes");
        assertEquals(expected.equals("BIN"), actual.binary(), "binary flag");
    }

    @ParameterizedTest(name = "request {0} as {1}, binary types set: {2}, {3} -> {4}")
    @CsvSource({
            // method request payload, Content-Type, binaryMediaTypes set, contentHandling, integration payload
            "TEXT, text/plain, false, PASSTHROUGH, TEXT",
            "B64, text/plain, false, CONVERT_TO_BINARY, BIN",
            "TEXT, text/plain, false, CONVERT_TO_TEXT, TEXT",
            "TEXT, application/json, true, PASSTHROUGH, TEXT",
            "B64, application/json, true, CONVERT_TO_BINARY, BIN",
            "TEXT, application/json, true, CONVERT_TO_TEXT, TEXT",
            "BIN, image/png, true, PASSTHROUGH, BIN",
            "BIN, image/png, true, CONVERT_TO_BINARY, BIN",
            "BIN, image/png, true, CONVERT_TO_TEXT, B64"})
    void requestTable(String payload, String contentType, boolean typesSet, ContentHandling handling, String expected) {
        assertPayload(expected, PayloadConversion.request(bytes(payload), contentType, typesSet ? IMAGES : List.of(), handling));
    }

    @ParameterizedTest(name = "response {0} as {1}, Accept {2}, binary types set: {3}, {4} -> {5}")
    @CsvSource({
            // integration response payload, its Content-Type, Accept, binaryMediaTypes set, contentHandling, method payload
            "TEXT, text/plain, text/plain, false, PASSTHROUGH, TEXT",
            "B64, text/plain, text/plain, false, CONVERT_TO_BINARY, BIN",
            "TEXT, text/plain, text/plain, false, CONVERT_TO_TEXT, TEXT",
            "TEXT, application/json, application/json, true, PASSTHROUGH, TEXT",
            "B64, application/json, application/json, true, CONVERT_TO_BINARY, BIN",
            "TEXT, application/json, application/json, true, CONVERT_TO_TEXT, TEXT",
            "B64, application/json, image/png, true, PASSTHROUGH, BIN",
            "B64, application/json, image/png, true, CONVERT_TO_BINARY, BIN",
            "TEXT, application/json, image/png, true, CONVERT_TO_TEXT, TEXT",
            "BIN, image/png, application/json, true, PASSTHROUGH, B64",
            "BIN, image/png, application/json, true, CONVERT_TO_BINARY, BIN",
            "BIN, image/png, application/json, true, CONVERT_TO_TEXT, B64",
            "BIN, image/png, image/png, true, PASSTHROUGH, BIN",
            "BIN, image/png, image/png, true, CONVERT_TO_BINARY, BIN",
            "BIN, image/png, image/png, true, CONVERT_TO_TEXT, B64"})
    void responseTable(String payload, String contentType, String accept, boolean typesSet, ContentHandling handling,
                       String expected) {
        assertPayload(expected, PayloadConversion.response(bytes(payload), contentType, accept,
                typesSet ? IMAGES : List.of(), handling));
    }

    @Test
    void onlyTheFirstAcceptedMediaTypeCounts() {
        Payload image = PayloadConversion.response(HELLO, "image/png", "image/png,text/html", IMAGES, ContentHandling.PASSTHROUGH);
        Payload text = PayloadConversion.response(HELLO, "image/png", "text/html,image/png", IMAGES, ContentHandling.PASSTHROUGH);

        assertPayload("BIN", image);
        assertPayload("B64", text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "this is a UTF8 text typed object", "helloworld", "YWJj\tZA=="})
    void convertToBinaryOfARequestThatIsNotBase64IsA500(String body) {
        // recorded on AWS: LocalStack's test_apigateway_s3.py::test_apigw_s3_binary_support_request_convert_to_binary
        GatewayException error = assertThrows(GatewayException.class, () -> PayloadConversion.request(
                body.getBytes(StandardCharsets.UTF_8), "text/plain", List.of(), ContentHandling.CONVERT_TO_BINARY));

        assertEquals(500, error.status());
        assertEquals(GatewayResponseType.DEFAULT_5XX, error.type());
        assertEquals("Internal server error", error.getMessage());
    }

    @Test
    void base64WithLineBreaksConvertsToBinary() {
        assertArrayEquals("abcd".getBytes(StandardCharsets.UTF_8), PayloadConversion.request(
                "YWJj\r\nZA==".getBytes(StandardCharsets.UTF_8), "text/plain", List.of(),
                ContentHandling.CONVERT_TO_BINARY).bytes());
    }
}
