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
