package dev.portico.tools.callers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The Lambda events that an ALB (either multi-value mode), a REST API proxy resource (payload 1.0) or an HTTP API
 * (payload 2.0) sends for a plain HTTP request. {@code portico serve} and the conformance runner both build their
 * events here; the shapes follow {@code ../shared/aws-sample-events/FORMAT.md} and the sample events beside it.
 */
public final class CallerEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallerEvents() {}

    /** The event as JSON, for inspection. */
    public static ObjectNode event(EventFormat format, ClientRequest request, String stage, String requestId) {
        EventFactory factory = switch (format) {
            case ALB -> new AlbEvents(false);
            case ALB_MULTI_VALUE -> new AlbEvents(true);
            case REST_V1 -> new RestV1Events();
            case HTTP_V2 -> new HttpV2Events();
        };
        return factory.build(request, stage, requestId);
    }

    /** The event as the bytes the caller would hand to the function. */
    public static byte[] build(EventFormat format, ClientRequest request, String stage, String requestId) {
        try {
            return JSON.writeValueAsBytes(event(format, request, stage, requestId));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
