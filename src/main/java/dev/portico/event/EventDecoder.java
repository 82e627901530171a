package dev.portico.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns an ALB, REST v1, HTTP API v1/v2 or Function URL event into an {@link IncomingRequest}. */
public final class EventDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final FormatDecoder ALB = new AlbDecoder();
    private static final FormatDecoder V1 = new V1Decoder();
    private static final FormatDecoder V2 = new V2Decoder();

    /** @throws BadEventException when the bytes are not an HTTP event this function can serve */
    public IncomingRequest decode(byte[] event) {
        return decode(event, true);
    }

    /** @param streaming false reads every event as a tree: the reference the streaming reading is checked against */
    IncomingRequest decode(byte[] event, boolean streaming) {
        EventTree.Read read = !streaming || event == null || event.length == 0 ? null
                : EventTree.read(MAPPER.getFactory(), event);
        // declined: the tree reading, whose outcome (and message) for hostile events is the reference
        JsonNode root = read != null ? read.root() : parse(event);
        CallerFormat format = detect(root);
        EventFields fields = new EventFields(root, format, read);
        FormatDecoder decoder = switch (format) {
            case ALB, ALB_MULTI_VALUE -> ALB;
            case REST_V1, HTTP_API_V1 -> V1;
            case HTTP_API_V2 -> V2;
        };
        try {
            return decoder.decode(fields);
        } catch (BadEventException e) {
            throw e;
        } catch (RuntimeException e) {
            // A shape the decoders did not foresee must still come out as a bad event, never a crash.
            throw new BadEventException(format, "cannot read the " + format + " event: " + e);
        }
    }

    private static JsonNode parse(byte[] event) {
        if (event == null || event.length == 0) throw new BadEventException(null, "the event is empty");
        JsonNode root;
        try {
            root = MAPPER.readTree(event);
        } catch (JacksonException e) {
            throw new BadEventException(null, "the event is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadEventException(null, "the event cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadEventException(null, "the event is not a JSON object but "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        return root;
    }

    /** FORMAT.md §0: the caller is told by the fields only it sends. */
    static CallerFormat detect(JsonNode root) {
        JsonNode context = root.path("requestContext");
        if (context.has("elb")) {
            return root.has("multiValueHeaders") || root.has("multiValueQueryStringParameters")
                    ? CallerFormat.ALB_MULTI_VALUE : CallerFormat.ALB;
        }
        String version = root.path("version").asText("");
        if (version.equals("2.0") && (root.has("rawPath") || context.has("http"))) return CallerFormat.HTTP_API_V2;
        if (root.has("httpMethod") || root.has("resource") || context.has("resourcePath")) {
            return version.equals("1.0") ? CallerFormat.HTTP_API_V1 : CallerFormat.REST_V1;
        }
        throw new BadEventException(null,
                "not an ALB, API Gateway or Function URL event (no requestContext.elb, rawPath or httpMethod)");
    }
}
