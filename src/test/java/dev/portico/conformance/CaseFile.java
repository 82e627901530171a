package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One conformance case (schema: {@code src/test/resources/conformance/README.md}). The parts the runner interprets are typed;
 * {@code route}, {@code api}, {@code backend} and {@code expect} stay JSON because their shapes are open-ended.
 */
public record CaseFile(String id, JsonNode route, ObjectNode api, String stage, ObjectNode backend,
                       CaseRequest request, ObjectNode expect) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE_IP = "203.0.113.10";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A case file: YAML ({@code src/test/resources/conformance/cases}) or JSON. */
    public static CaseFile load(Path file) throws IOException {
        String text = Files.readString(file);
        return file.getFileName().toString().endsWith(".json") ? parse(text) : of(YAML.readTree(text));
    }

    public static CaseFile parse(String json) throws IOException {
        return of(JSON.readTree(json));
    }

    private static CaseFile of(JsonNode root) {
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

        /** The request as a client sends it, from a documentation address (RFC 5737). */
        public ClientRequest toClientRequest() {
            HeaderList list = new HeaderList();
            headers.forEach(list::add);
            return new ClientRequest(method, path, query, list,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), SOURCE_IP);
        }

        /**
         * The formats the request is run through: all four, unless the case names one (e.g. an ALB-only case),
         * less those whose caller itself loses what the case is about, so that no function behind it could see
         * what API Gateway saw: a query string that repeats a key skips the single-value ALB (with multi-value
         * headers off the load balancer keeps only the last value; ELB guide, "Lambda functions as targets"), and
         * a percent-encoded path skips the HTTP API (which decodes it).
         */
        public List<EventFormat> formats() {
            if ("alb".equals(eventFormat)) {
                return List.of(multiValueHeaders ? EventFormat.ALB_MULTI_VALUE : EventFormat.ALB);
            }
            if ("v1".equals(eventFormat)) {
                return List.of(EventFormat.REST_V1);
            }
            if ("v2".equals(eventFormat)) {
                return List.of(EventFormat.HTTP_V2);
            }
            List<EventFormat> formats = new ArrayList<>(List.of(EventFormat.values()));
            if (repeatsAQueryKey()) {
                formats.remove(EventFormat.ALB);
            }
            // An HTTP API decodes the path before any function sees it, so an escape the client sent (%2B) is
            // already lost: cases about the path as sent are REST/ALB cases.
            if (path.contains("%")) {
                formats.remove(EventFormat.HTTP_V2);
            }
            return List.copyOf(formats);
        }

        private boolean repeatsAQueryKey() {
            Set<String> seen = new HashSet<>();
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !seen.add(pair.split("=", 2)[0])) {
                    return true;
                }
            }
            return false;
        }
    }
}
