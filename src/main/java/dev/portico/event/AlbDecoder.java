package dev.portico.event;

import java.util.List;
import java.util.Map;

/** ALB target group events, multi-value headers off ({@code headers}) or on ({@code multiValueHeaders}). */
final class AlbDecoder implements FormatDecoder {

    @Override
    public IncomingRequest decode(EventFields event) {
        CallerFormat format = event.format();
        boolean multi = format == CallerFormat.ALB_MULTI_VALUE;
        Headers headers = multi ? event.multiValueHeaders("multiValueHeaders") : event.singleValueHeaders("headers");
        // The ALB passes query names and values still URL-encoded ("the load balancer does not decode them").
        Map<String, List<String>> query = multi
                ? event.multiValueQuery("multiValueQueryStringParameters", v -> PercentDecoding.queryComponent(v, format))
                : event.singleValueQuery("queryStringParameters", v -> PercentDecoding.queryComponent(v, format));
        return event.request(event.method("httpMethod"), event.rawPath("path"), query, headers,
                clientIp(headers), event.requestId("requestContext.requestId"),
                event.epochMillis("requestContext.requestTimeEpoch"), null);
    }

    /** The ALB appends the address it saw to X-Forwarded-For: the last entry is the one it vouches for. */
    private static String clientIp(Headers headers) {
        String forwarded = headers.last("x-forwarded-for");
        if (forwarded == null) return "";
        return forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
    }
}
