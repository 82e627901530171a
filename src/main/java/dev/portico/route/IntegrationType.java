package dev.portico.route;

/** API Gateway's integration types, as {@code x-amazon-apigateway-integration.type} names them. */
public enum IntegrationType {
    HTTP, HTTP_PROXY, AWS, AWS_PROXY, MOCK
}
