package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * REST API (payload 1.0) proxy events, as sent by a REST API whose {@code /{proxy+}} resource proxies to Portico.
 * Both {@code headers} and {@code multiValueHeaders}; query values form-decoded, the single-value map keeping the
 * last value; empty maps and an absent body are {@code null}.
 */
final class RestV1Events implements EventFactory {
    static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Override
    public ObjectNode build(ClientRequest request, String stage, String requestId) {
        boolean root = request.path().equals("/");
        String resource = root ? "/" : "/{proxy+}";
        ObjectNode event = NODES.objectNode();
        event.put("resource", resource);
        event.put("path", request.path());
        event.put("httpMethod", request.method());

        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        request.headers().entries().forEach(h -> {
            headers.put(h.getKey(), h.getValue());
            multiHeaders.withArray(h.getKey()).add(h.getValue());
        });

        Map<String, List<String>> query = QueryString.multi(request.rawQuery(), true);
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((key, values) -> {
                single.put(key, values.get(values.size() - 1));
                values.forEach(multi.withArray(key)::add);
            });
        }
        if (root) {
            event.putNull("pathParameters");
        } else {
            event.putObject("pathParameters").put("proxy", request.path().substring(1));
        }
        event.putNull("stageVariables");

        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        context.put("resourceId", "abc123");
        context.put("resourcePath", resource);
        context.put("httpMethod", request.method());
        context.put("path", "/" + stage + request.path());
        context.put("stage", stage);
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("protocol", "HTTP/1.1");
        String domainName = domainName(request);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.", 2)[0]);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", Objects.toString(request.header("User-Agent"), ""));

        EventFactory.putBody(event, request, false, NODES.objectNode().putNull("body"));
        return event;
    }

    /**
     * {@code requestContext.domainName}: the host the client called, as API Gateway reports it behind a custom
     * domain name ("The full domain name used to invoke the API. This should be the same as the incoming Host
     * header", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html),
     * without a port; the API's own execute-api domain when the request names no host.
     */
    static String domainName(ClientRequest request) {
        String host = request.header("Host");
        if (host == null || host.isBlank()) {
            return API_ID + ".execute-api.us-east-1.amazonaws.com";
        }
        host = host.strip();
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }
}
