package dev.portico.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portico.errors.GatewayException;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.Invocation;
import dev.portico.route.MethodParameter;
import dev.portico.route.RequestValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The method request's validator: required parameters first, then the body against its JSON schema
 * (draft 4, as API Gateway models are). Answers follow the recorded AWS cases: 400
 * {@code Missing required request parameters: [..]} and 400 {@code Invalid request body}.
 */
public final class RequestValidation {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compiled schemas by the identity of the route table's schema node, which lives as long as its table. */
    private static final Map<JsonNode, Schema> COMPILED = new ConcurrentHashMap<>();

    private RequestValidation() {}

    /** The schema registry (64 ms to make at start), made when the first body is validated. */
    private static final class Schemas {
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    }

    /** @throws GatewayException BAD_REQUEST_PARAMETERS or BAD_REQUEST_BODY when the request fails validation */
    public static void validate(Invocation invocation) {
        RequestValidator validator = invocation.route().validator();
        if (validator == null) {
            return;
        }
        if (validator.validateRequestParameters()) {
            List<String> missing = missingParameters(invocation);
            if (!missing.isEmpty()) {
                throw GatewayException.badRequestParameters(
                        "Missing required request parameters: [" + String.join(", ", missing) + "]");
            }
        }
        if (validator.validateRequestBody() && validator.bodySchema() != null) {
            validateBody(invocation, validator.bodySchema());
        }
    }

    /**
     * Missing names, ordered as API Gateway lists them: by {@code method.request.<location>.<name>}, so
     * headers, then path, then query string.
     */
    private static List<String> missingParameters(Invocation invocation) {
        IncomingRequest request = invocation.request();
        List<String[]> missing = new ArrayList<>();
        for (MethodParameter parameter : invocation.route().parameters()) {
            if (!parameter.required()) {
                continue;
            }
            // "included and not blank" (developer guide, "Request validation for REST APIs in API Gateway")
            String location = switch (parameter.in()) {
                case HEADER -> blank(request.headers().last(parameter.name())) ? "header" : null;
                case PATH -> blank(invocation.pathParameters().get(parameter.name())) ? "path" : null;
                case QUERY -> blank(request.queryValue(parameter.name())) ? "querystring" : null;
            };
            if (location != null) {
                missing.add(new String[] {"method.request." + location + "." + parameter.name(), parameter.name()});
            }
        }
        missing.sort((a, b) -> a[0].compareTo(b[0]));
        return missing.stream().map(entry -> entry[1]).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void validateBody(Invocation invocation, JsonNode schemaNode) {
        String text = new String(invocation.request().body(), StandardCharsets.UTF_8);
        JsonNode body;
        try {
            // API Gateway validates an empty body as an empty object.
            body = JSON.readTree(text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            throw GatewayException.badRequestBody(invocation.route().name() + ": body is not JSON");
        }
        Schema schema = COMPILED.computeIfAbsent(schemaNode, Schemas.REGISTRY::getSchema);
        var errors = schema.validate(body);
        if (!errors.isEmpty()) {
            throw GatewayException.badRequestBody(invocation.route().name() + ": " + errors);
        }
    }
}
