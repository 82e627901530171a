package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Builds the event one caller sends for a client request; one implementation per caller. */
interface EventFactory {
    JsonNodeFactory NODES = JsonNodeFactory.instance;
    String ACCOUNT_ID = "123456789012";
    String API_ID = "portico";

    ObjectNode build(ClientRequest request, String stage, String requestId);

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
    static void putBody(ObjectNode event, ClientRequest request, boolean base64NonText, ObjectNode emptyBody) {
        if (request.body() == null) {
            event.setAll(emptyBody);
            event.put("isBase64Encoded", false);
        } else if (base64NonText && !isTextBody(request.header("Content-Type"))) {
            event.put("body", Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", new String(request.body(), StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        }
    }
}
