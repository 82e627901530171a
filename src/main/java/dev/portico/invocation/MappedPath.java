package dev.portico.invocation;

/**
 * The path as the client sent it to an API served through an API mapping, base path included; the request the
 * route matched has the base path stripped. API Gateway keeps the base path in {@code $context.path} and in the
 * Lambda proxy event's {@code path} and {@code requestContext.path} behind a custom domain, with no stage in them:
 * a request for {@code /orders/42} mapped at {@code orders} to stage {@code prod} reaches resource {@code /{id}}
 * with {@code path} and {@code requestContext.path} both {@code /orders/42} (recorded on AWS by LocalStack:
 * https://github.com/localstack/localstack/pull/12296, "Mapping configured with basePath and a stage"; and
 * https://github.com/aws/serverless-java-container/issues/34, an event with {@code "path":"/ping1/ping"} for base
 * path {@code ping1}).
 *
 * @param path    decoded, for {@code $context.path}
 * @param rawPath still percent-encoded, for the proxy event
 */
public record MappedPath(String path, String rawPath) {}
