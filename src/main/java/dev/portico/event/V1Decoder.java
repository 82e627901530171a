package dev.portico.event;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** API Gateway payload 1.0: REST API proxy events and HTTP API events with payload format 1.0. */
final class V1Decoder implements FormatDecoder {

    @Override
    public IncomingRequest decode(EventFields event) {
        // The multi-value maps hold everything the single ones hold (which keep only the last value).
        Headers headers = event.object("multiValueHeaders") != null
                ? event.multiValueHeaders("multiValueHeaders") : event.singleValueHeaders("headers");
        // API Gateway has already decoded query names and values.
        UnaryOperator<String> asIs = UnaryOperator.identity();
        Map<String, List<String>> query = event.object("multiValueQueryStringParameters") != null
                ? event.multiValueQuery("multiValueQueryStringParameters", asIs)
                : event.singleValueQuery("queryStringParameters", asIs);
        String method = event.text("httpMethod") != null
                ? event.method("httpMethod") : event.method("requestContext.httpMethod");
        // HTTP APIs (payload 1.0) hand the path over decoded; REST APIs keep it as the client sent it.
        boolean pathDecoded = event.format() == CallerFormat.HTTP_API_V1;
        return event.request(method, event.rawPath("path"), pathDecoded, query, headers,
                event.text("requestContext.identity.sourceIp"), event.requestId("requestContext.requestId"),
                event.epochMillis("requestContext.requestTimeEpoch"), event.text("requestContext.domainName"));
    }
}
