package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conformance case (schema: {@code ../shared/conformance/README.md}). The parts the runner interprets are typed;
 * {@code route}, {@code api}, {@code backend} and {@code expect} stay JSON because their shapes are open-ended.
 */
public record CaseFile(String id, JsonNode route, ObjectNode api, String stage, ObjectNode backend,
                       CaseRequest request, ObjectNode expect) {

    static final ObjectMapper JSON = new ObjectMapper();

    public static CaseFile load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static CaseFile parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        return new CaseFile(
                root.path("id").asText(),
                root.path("route"),
                object(root.get("api")),
                root.hasNonNull("stage") ? root.get("stage").asText() : "dev",
                object(root.get("backend")),
                CaseRequest.from(root.path("request")),
                object(root.get("expect")));
    }

    /** The backend's kind, or {@code "none"} when the case has no backend (MOCK integrations). */
    public String backendKind() {
        return backend.path("kind").asText("none");
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    }

    /**
     * The client request as the caller sent it.
     *
     * @param query       the raw query string (still percent-encoded), empty when absent
     * @param body        the body text, {@code null} when the request has none
     * @param eventFormat {@code "alb"} for an ALB-only case, {@code null} for "every format"
     */
    public record CaseRequest(String method, String path, String query, Map<String, String> headers, String body,
                              String eventFormat, boolean multiValueHeaders) {

        static CaseRequest from(JsonNode node) {
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            return new CaseRequest(
                    node.path("method").asText("GET"),
                    node.path("path").asText("/"),
                    node.path("query").asText(""),
                    headers,
                    node.hasNonNull("body") ? node.get("body").asText() : null,
                    node.hasNonNull("eventFormat") ? node.get("eventFormat").asText() : null,
                    node.path("multiValueHeaders").asBoolean(false));
        }

        /** The value of a header, matched case-insensitively, or {@code null}. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).reduce((first, last) -> last).orElse(null);
        }
    }
}
