package dev.portico.integration.http;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ContentHandling;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.PassthroughBehavior;
import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Routes, requests and invocations built directly, without the route loader or the event decoder. */
final class Fixtures {
    private Fixtures() {}

    /** A template that renders its own text. */
    record StaticTemplate(String source) implements MappingTemplate {
        @Override
        public String render(TemplateInput input) {
            return source;
        }
    }

    static IntegrationDefinition proxy(String uri, String httpMethod, Map<String, String> requestParameters,
                                       int timeoutMillis) {
        return new IntegrationDefinition(IntegrationType.HTTP_PROXY, uri, httpMethod, requestParameters, Map.of(),
                PassthroughBehavior.WHEN_NO_MATCH, ContentHandling.PASSTHROUGH, timeoutMillis, List.of(), null, false,
                "1.0");
    }

    static IntegrationDefinition http(String uri, String httpMethod, Map<String, String> requestParameters,
                                      Map<String, MappingTemplate> requestTemplates,
                                      List<IntegrationResponseDefinition> responses) {
        return new IntegrationDefinition(IntegrationType.HTTP, uri, httpMethod, requestParameters, requestTemplates,
                PassthroughBehavior.WHEN_NO_MATCH, ContentHandling.PASSTHROUGH, 0, responses, null, false, "1.0");
    }

    static IntegrationResponseDefinition response(String pattern, int status, Map<String, String> parameters,
                                                  Map<String, MappingTemplate> templates) {
        return new IntegrationResponseDefinition(pattern == null ? "default" : pattern,
                pattern == null ? null : Pattern.compile(pattern), status, parameters, templates,
                ContentHandling.PASSTHROUGH);
    }

    static IncomingRequest request(String method, String path, Map<String, List<String>> query, Headers headers,
                                   byte[] body) {
        return new IncomingRequest(CallerFormat.REST_V1, method, path, query, headers.freeze(), body, body.length > 0,
                "203.0.113.7", "req-1", 1_700_000_000_000L, "api.example.com");
    }

    static IncomingRequest get(String path) {
        return request("GET", path, Map.of(), new Headers(), new byte[0]);
    }

    static Invocation invocation(String resourcePath, IntegrationDefinition integration, IncomingRequest request,
                                 Map<String, String> pathParameters) {
        return invocation(resourcePath, integration, request, pathParameters, PorticoSettings.defaults());
    }

    static Invocation invocation(String resourcePath, IntegrationDefinition integration, IncomingRequest request,
                                 Map<String, String> pathParameters, PorticoSettings settings) {
        Route route = new Route(resourcePath, request.httpMethod(), null, List.of(), null, integration);
        RouteTable table = new RouteTable("test", new RouteMatcher(List.of(route)));
        return new Invocation(request, new RouteMatch(route, pathParameters), table, settings);
    }

    static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return map;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
