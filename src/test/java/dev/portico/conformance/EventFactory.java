package dev.portico.conformance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.conformance.CaseFile.CaseRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Builds the Lambda event one caller (ALB, REST API v1 proxy, HTTP API v2) would send for a case's client request.
 * Shapes follow {@code ../shared/aws-sample-events/FORMAT.md} and the sample events beside it.
 */
interface EventFactory {
    JsonNodeFactory NODES = JsonNodeFactory.instance;
    String SOURCE_IP = "203.0.113.10";
    String ACCOUNT_ID = "123456789012";
    String API_ID = "conformance";

    ObjectNode build(CaseRequest request, String stage, String requestId);

    static EventFactory forFormat(EventFormat format) {
        return switch (format) {
            case ALB -> new AlbEventFactory(false);
            case ALB_MULTI_VALUE -> new AlbEventFactory(true);
            case REST_V1 -> new RestV1EventFactory();
            case HTTP_V2 -> new HttpV2EventFactory();
        };
    }

    /**
     * Whether a body of this content type travels as text. ALB and HTTP APIs send text/*, JSON, JavaScript and XML
     * as text and everything else base64-encoded; a request without Content-Type is treated as text here.
     */
    static boolean isTextBody(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("javascript")
                || type.contains("xml");
    }

    /** Sets {@code body} and {@code isBase64Encoded}; {@code emptyBody} is what the format sends for no body. */
    static void putBody(ObjectNode event, CaseRequest request, boolean base64NonText, ObjectNode emptyBody) {
        if (request.body() == null) {
            event.setAll(emptyBody);
            event.put("isBase64Encoded", false);
        } else if (base64NonText && !isTextBody(request.header("Content-Type"))) {
            event.put("body", Base64.getEncoder().encodeToString(request.body().getBytes(StandardCharsets.UTF_8)));
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", request.body());
            event.put("isBase64Encoded", false);
        }
    }
}
