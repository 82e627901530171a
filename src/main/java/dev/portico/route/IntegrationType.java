package dev.portico.route;

/** API Gateway's integration types, as {@code x-amazon-apigateway-integration.type} names them. */
public enum IntegrationType {
    HTTP, HTTP_PROXY, AWS, AWS_PROXY, MOCK;

    /** The proxy types pass the request and the answer through; the others map both. */
    public boolean isProxy() {
        return this == HTTP_PROXY || this == AWS_PROXY;
    }
}
