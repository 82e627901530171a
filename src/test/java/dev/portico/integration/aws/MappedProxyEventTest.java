package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.MappedPath;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda proxy event for an API behind an API mapping: {@code path} and {@code requestContext.path} keep the
 * base path and name no stage, {@code resource} is the resource without it, as LocalStack recorded on AWS
 * (https://github.com/localstack/localstack/pull/12296, "Mapping configured with basePath and a stage") and as
 * reported from AWS in https://github.com/aws/serverless-java-container/issues/34 ({@code "path":"/ping1/ping"}).
 * Without a mapping nothing changes: {@code path} has no stage, {@code requestContext.path} starts with it.
 */
class MappedProxyEventTest {
    private static final RouteTable TABLE = RouteTables.loader().load("proxy.yaml", """
            openapi: 3.0.1
            info: {title: proxy, version: '1'}
            paths:
              /items/{id}:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
            """.getBytes(StandardCharsets.UTF_8));

    private static IncomingRequest request(String path, String rawPath) {
        return new IncomingRequest(CallerFormat.ALB, "GET", path, Map.of(), new Headers().freeze(), new byte[0], false,
                "203.0.113.7", "req-1", 0L, "api.example.com", rawPath);
    }

    private static Invocation invocation(IncomingRequest client, String basePath) {
        IncomingRequest stripped = basePath == null ? client : client.withoutBasePath(basePath);
        RouteMatch match = TABLE.match("GET", stripped.routingPath()).orElseThrow();
        MappedPath mapped = basePath == null ? null : new MappedPath(client.routingPath(), client.routingRawPath());
        return new Invocation(stripped, match, TABLE, PorticoSettings.defaults().withStage("live"),
                Invocation.NO_DEADLINE, mapped, null);
    }

    @Test
    void behindABasePathBothPathsKeepItAndNameNoStage() {
        ObjectNode event = LambdaProxyEvent.v1(invocation(request("/shop/v1/items/a b", "/shop/v1/items/a%20b"),
                "/shop/v1"));
        assertEquals("/items/{id}", event.get("resource").asText());
        assertEquals("/shop/v1/items/a%20b", event.get("path").asText());
        assertEquals("/shop/v1/items/a%20b", event.at("/requestContext/path").asText());
        assertEquals("/items/{id}", event.at("/requestContext/resourcePath").asText());
        assertEquals("live", event.at("/requestContext/stage").asText());
        assertEquals("a%20b", event.at("/pathParameters/id").asText());

        ObjectNode v2 = LambdaProxyEvent.v2(invocation(request("/shop/v1/items/7", "/shop/v1/items/7"), "/shop/v1"));
        assertEquals("/shop/v1/items/7", v2.get("rawPath").asText());
        assertEquals("/shop/v1/items/7", v2.at("/requestContext/http/path").asText());
        assertEquals("GET /items/{id}", v2.get("routeKey").asText());
    }

    @Test
    void theEmptyBasePathMappingHasNoStageInEitherPath() {
        ObjectNode event = LambdaProxyEvent.v1(invocation(request("/items/7", "/items/7"), ""));
        assertEquals("/items/7", event.get("path").asText());
        assertEquals("/items/7", event.at("/requestContext/path").asText());
    }

    @Test
    void withoutAMappingTheStageLeadsRequestContextPathOnly() {
        ObjectNode event = LambdaProxyEvent.v1(invocation(request("/items/7", "/items/7"), null));
        assertEquals("/items/7", event.get("path").asText());
        assertEquals("/live/items/7", event.at("/requestContext/path").asText());
    }
}
