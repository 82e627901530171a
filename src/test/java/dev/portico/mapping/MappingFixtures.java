package dev.portico.mapping;

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
import java.util.function.Function;
import java.util.regex.Pattern;

/** Builds routes, requests and invocations by hand, for tests of one stage without the others. */
public final class MappingFixtures {
    private MappingFixtures() {}

    /** A template computed by a Java function, standing in for a compiled VTL template. */
    public record FunctionTemplate(String source, Function<TemplateInput, String> body) implements MappingTemplate {
        @Override
        public String render(TemplateInput input) {
            return body.apply(input);
        }
    }

    public static MappingTemplate text(String text) {
        return new FunctionTemplate(text, input -> text);
    }

    public static IntegrationResponseDefinition response(String pattern, int status, Map<String, String> parameters,
                                                         Map<String, MappingTemplate> templates) {
        return new IntegrationResponseDefinition(pattern, pattern.equals("default") ? null : Pattern.compile(pattern),
                status, parameters, templates, ContentHandling.PASSTHROUGH);
    }

    public static IntegrationDefinition mock(Map<String, MappingTemplate> requestTemplates, PassthroughBehavior passthrough,
                                             IntegrationResponseDefinition... responses) {
        return integration(IntegrationType.MOCK, null, Map.of(), requestTemplates, passthrough, responses);
    }

    public static IntegrationDefinition integration(IntegrationType type, String uri, Map<String, String> requestParameters,
                                                    Map<String, MappingTemplate> requestTemplates,
                                                    PassthroughBehavior passthrough,
                                                    IntegrationResponseDefinition... responses) {
        return new IntegrationDefinition(type, uri, type == IntegrationType.MOCK ? null : "POST", requestParameters,
                requestTemplates, passthrough, ContentHandling.PASSTHROUGH, IntegrationDefinition.DEFAULT_TIMEOUT_MILLIS,
                List.of(responses), null, false, "1.0");
    }

    public static Route route(String method, String path, IntegrationDefinition integration) {
        return new Route(path, method, null, List.of(), null, integration);
    }

    public static IncomingRequest request(String method, String path, Map<String, List<String>> query, Headers headers,
                                          String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return new IncomingRequest(CallerFormat.REST_V1, method, path, query, headers.freeze(), bytes, body != null,
                "198.51.100.7", "req-1", 1_700_000_000_000L, "api.example.com");
    }

    public static Invocation invocation(Route route, Map<String, String> pathParameters, IncomingRequest request) {
        RouteTable table = new RouteTable("test", new RouteMatcher(List.of(route)));
        return new Invocation(request, new RouteMatch(route, pathParameters), table,
                PorticoSettings.defaults().withStageVariables(Map.of("backend", "https://backend.example")));
    }

    public static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked") V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}
