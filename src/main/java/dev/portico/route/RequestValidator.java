package dev.portico.route;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code x-amazon-apigateway-request-validators} entry applied to a route.
 *
 * @param validateRequestParameters check required parameters
 * @param validateRequestBody       check the body against {@code bodySchema}
 * @param bodySchema                the JSON schema of the body for the request's content type, or null
 */
public record RequestValidator(boolean validateRequestParameters, boolean validateRequestBody, JsonNode bodySchema) {}
