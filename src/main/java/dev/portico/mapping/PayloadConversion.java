package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.route.ContentHandling;
import java.util.Base64;
import java.util.List;

/**
 * API Gateway's "content type conversions" for non-proxy integrations: whether a payload is binary follows
 * from the API's binary media types and the payload's content type; {@code contentHandling} then converts
 * between binary and base64 text, as the two tables of that page lay out.
 */
public final class PayloadConversion {
    private PayloadConversion() {}

    /** A payload and whether it is binary (bytes to be sent as bytes) or text. */
    public record Payload(byte[] bytes, boolean binary) {}

    /** Whether a media type is one of the API's binary media types. */
    public static boolean isBinary(List<String> binaryMediaTypes, String contentType) {
        if (contentType == null || binaryMediaTypes.isEmpty()) {
            return false;
        }
        for (String pattern : binaryMediaTypes) {
            if (MediaTypes.matches(pattern, contentType)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The integration request payload for a method request body of the given content type.
     *
     * @throws GatewayException 400 when CONVERT_TO_BINARY meets text that is not base64
     */
    public static Payload request(byte[] body, String contentType, List<String> binaryMediaTypes,
                                  ContentHandling handling) {
        boolean binary = isBinary(binaryMediaTypes, contentType);
        return switch (handling) {
            case PASSTHROUGH -> new Payload(body, binary);
            case CONVERT_TO_BINARY -> binary ? new Payload(body, true) : new Payload(decodeRequest(body), true);
            case CONVERT_TO_TEXT -> binary ? new Payload(encode(body), false) : new Payload(body, false);
        };
    }

    /**
     * The method response payload for an integration response body, given the client's {@code Accept}
     * (only its first media type counts, as API Gateway documents).
     */
    public static Payload response(byte[] body, String contentType, String accept, List<String> binaryMediaTypes,
                                   ContentHandling handling) {
        if (binaryMediaTypes.isEmpty()) {
            return handling == ContentHandling.CONVERT_TO_BINARY
                    ? new Payload(decode(body), true) : new Payload(body, false);
        }
        boolean binaryData = isBinary(binaryMediaTypes, contentType);
        boolean binaryAccept = isBinary(binaryMediaTypes, firstMediaType(accept));
        return switch (handling) {
            case CONVERT_TO_TEXT -> binaryData ? new Payload(encode(body), false) : new Payload(body, false);
            case CONVERT_TO_BINARY -> binaryData ? new Payload(body, true) : new Payload(decode(body), true);
            case PASSTHROUGH -> {
                if (binaryData) {
                    yield binaryAccept ? new Payload(body, true) : new Payload(encode(body), false);
                }
                yield binaryAccept ? new Payload(decode(body), true) : new Payload(body, false);
            }
        };
    }

    static String firstMediaType(String accept) {
        if (accept == null) {
            return null;
        }
        int comma = accept.indexOf(',');
        return (comma < 0 ? accept : accept.substring(0, comma)).trim();
    }

    private static byte[] encode(byte[] bytes) {
        return Base64.getEncoder().encode(bytes);
    }

    /**
     * CONVERT_TO_BINARY of a method request body that is not base64 text: 500 {@code Internal server error}
     * (recorded on AWS: LocalStack's {@code test_apigateway_s3.py::test_apigw_s3_binary_support_request_convert_to_binary},
     * where a UTF-8 text body and a raw binary one both answer 500).
     */
    private static byte[] decodeRequest(byte[] text) {
        byte[] decoded = decodeStrictly(text);
        if (decoded == null) {
            throw GatewayException.internal("CONVERT_TO_BINARY: the request body is not base64 text", null);
        }
        return decoded;
    }

    private static byte[] decode(byte[] text) {
        byte[] decoded = decodeStrictly(text);
        if (decoded == null) {
            throw GatewayException.configurationError("CONVERT_TO_BINARY: the integration response is not base64 text");
        }
        return decoded;
    }

    /**
     * Base64 text, line breaks allowed, decoded; null when it is not base64: a character outside the alphabet, or a
     * length that padding cannot make whole. A lenient decoder would turn most text into bytes without a word.
     */
    static byte[] decodeStrictly(byte[] text) {
        byte[] compact = new byte[text.length];
        int length = 0;
        for (byte b : text) {
            if (b != '\r' && b != '\n') {
                compact[length++] = b;
            }
        }
        if (length % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(java.util.Arrays.copyOf(compact, length));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
