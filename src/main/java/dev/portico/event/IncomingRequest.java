package dev.portico.event;

import java.util.List;
import java.util.Map;

/**
 * One client request, whatever the caller's event format. Everything here is decoded: the path and the
 * query values are percent-decoded, the body is raw bytes.
 *
 * @param format        the caller, which decides the answer's shape
 * @param httpMethod    upper-case method
 * @param path          percent-decoded path without any stage prefix, always starting with '/'
 * @param query         decoded query parameters, each name with all its values in order
 * @param headers       request headers (frozen)
 * @param body          body bytes, empty when there is none
 * @param hasBody       false when the event carried no body at all (null or absent), true for "" too
 * @param sourceIp      the client's address, or "" when the event does not say
 * @param requestId     the caller's request id, or a generated one
 * @param requestTimeEpoch when the request arrived, in epoch milliseconds
 * @param domainName    the host the client called, or ""
 * @param rawPath       the path as the client sent it, still percent-encoded, without any stage prefix
 */
public record IncomingRequest(
        CallerFormat format,
        String httpMethod,
        String path,
        Map<String, List<String>> query,
        Headers headers,
        byte[] body,
        boolean hasBody,
        String sourceIp,
        String requestId,
        long requestTimeEpoch,
        String domainName,
        String rawPath) {

    /** A request whose path needed no encoding: its raw path is the decoded one. */
    public IncomingRequest(CallerFormat format, String httpMethod, String path, Map<String, List<String>> query,
                           Headers headers, byte[] body, boolean hasBody, String sourceIp, String requestId,
                           long requestTimeEpoch, String domainName) {
        this(format, httpMethod, path, query, headers, body, hasBody, sourceIp, requestId, requestTimeEpoch,
                domainName, path);
    }

    /**
     * The path routes are matched against: the decoded path with a run of leading slashes collapsed to one, as API
     * Gateway does (recorded on AWS: {@code //proxy-value} reaches {@code /{proxy+}} as {@code /proxy-value}, and
     * {@code //hardcoded} the literal {@code /hardcoded}; LocalStack's {@code test_apigateway_lambda.snapshot.json},
     * {@code test_lambda_aws_proxy_integration}). Slashes inside the path and a trailing one stay.
     */
    public String routingPath() {
        return collapseLeadingSlashes(path);
    }

    /** {@link #routingPath()} still percent-encoded: what the Lambda proxy event's {@code path} carries. */
    public String routingRawPath() {
        return collapseLeadingSlashes(rawPath);
    }

    /**
     * This request as the API mapped at {@code basePath} sees it: the base path's segments stripped from the start
     * of the path (decoded and raw alike), as API Gateway strips a custom domain's base path before it routes
     * ("Use API mappings to connect API stages to a custom domain name for REST APIs",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html). A path that is the
     * base path itself becomes {@code /}.
     *
     * @param basePath the mapping's base path, such as {@code /orders/v1}, without a trailing slash; {@code ""}
     *                 for the mapping of the empty path, which keeps the request as it is
     * @return the stripped request, or null when the path is not under the base path segment by segment (the raw
     *         path's first segments, each decoded, must be the base path's)
     */
    public IncomingRequest withoutBasePath(String basePath) {
        if (basePath.isEmpty()) {
            return this;
        }
        String decoded = routingPath();
        if (!decoded.startsWith(basePath)
                || (decoded.length() != basePath.length() && decoded.charAt(basePath.length()) != '/')) {
            return null;
        }
        String raw = routingRawPath();
        String rest = decoded.length() == basePath.length() ? "/" : decoded.substring(basePath.length());
        if (raw.equals(decoded)) {
            // nothing was encoded (the usual case): the raw segments are the decoded ones
            return new IncomingRequest(format, httpMethod, rest, query, headers, body, hasBody, sourceIp, requestId,
                    requestTimeEpoch, domainName, rest);
        }
        int segments = 0;
        for (int i = 0; i < basePath.length(); i++) {
            if (basePath.charAt(i) == '/') {
                segments++;
            }
        }
        int end = 0;
        for (int seen = 0; seen < segments; seen++) {
            int next = raw.indexOf('/', end + 1);
            end = next < 0 ? raw.length() : next;
        }
        if (!PercentDecoding.path(raw.substring(0, end), format).equals(basePath)) {
            return null; // an encoded slash: the raw segments do not line up with the decoded ones
        }
        String restRaw = end >= raw.length() ? "/" : raw.substring(end);
        return new IncomingRequest(format, httpMethod, rest, query, headers, body, hasBody, sourceIp, requestId,
                requestTimeEpoch, domainName, restRaw);
    }

    private static String collapseLeadingSlashes(String path) {
        if (!path.startsWith("//")) {
            return path;
        }
        int first = 0;
        while (first < path.length() && path.charAt(first) == '/') {
            first++;
        }
        return "/" + path.substring(first);
    }

    /** The last value of a query parameter, as API Gateway's single-value views keep it; null when absent. */
    public String queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public String userAgent() {
        String ua = headers.last("user-agent");
        return ua == null ? "" : ua;
    }
}
