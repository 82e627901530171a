package dev.portico.route;

import java.util.List;

/**
 * One operation of the route table: a resource path and a method (or ANY) with its integration.
 *
 * @param resourcePath  the path template as written, such as {@code /pets/{id}} or {@code /{proxy+}}
 * @param method        upper-case method, or {@code ANY} for {@code x-amazon-apigateway-any-method}
 * @param operationId   the OpenAPI operationId, or null
 * @param parameters    declared method request parameters
 * @param validator     the request validator that applies, or null
 * @param integration   what the route calls
 * @param access        what restricts access to the route (every requirement enforced upstream), or
 *                      {@link AccessControl#OPEN}
 */
public record Route(
        String resourcePath,
        String method,
        String operationId,
        List<MethodParameter> parameters,
        RequestValidator validator,
        IntegrationDefinition integration,
        AccessControl access) {

    public static final String ANY = "ANY";

    /** An open route. */
    public Route(String resourcePath, String method, String operationId, List<MethodParameter> parameters,
                 RequestValidator validator, IntegrationDefinition integration) {
        this(resourcePath, method, operationId, parameters, validator, integration, AccessControl.OPEN);
    }

    /** How errors and logs name this route: {@code GET /pets/{id}}. */
    public String name() {
        return method + " " + resourcePath;
    }
}
