package dev.portico.route;

/**
 * Where a method that requires an API key takes the key from, as the API's
 * {@code x-amazon-apigateway-api-key-source} says ("x-amazon-apigateway-api-key-source property", API Gateway
 * developer guide): {@code HEADER} (the default) reads the {@code x-api-key} header; {@code AUTHORIZER} takes the
 * {@code usageIdentifierKey} the method's Lambda authorizer answered.
 */
public enum ApiKeySource {
    HEADER,
    AUTHORIZER;

    /** The header a client sends its key in. */
    public static final String HEADER_NAME = "x-api-key";
}
