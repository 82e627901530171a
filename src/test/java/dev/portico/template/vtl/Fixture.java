package dev.portico.template.vtl;

import dev.portico.errors.GatewayException;
import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.PorticoSettings;
import dev.portico.invocation.Trace;
import dev.portico.route.Route;
import dev.portico.template.TemplateInput;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds template inputs for tests; the data is made up for these tests. */
final class Fixture {
    static final VelocityTemplateCompiler COMPILER = new VelocityTemplateCompiler();

    String body;
    final Map<String, String> path = new LinkedHashMap<>();
    final Map<String, List<String>> query = new LinkedHashMap<>();
    final Headers headers = new Headers();
    final Map<String, Object> context = context();
    final Map<String, String> stageVariables = new LinkedHashMap<>();

    static Fixture request() {
        return new Fixture();
    }

    Fixture body(String body) {
        this.body = body;
        return this;
    }

    Fixture path(String name, String value) {
        path.put(name, value);
        return this;
    }

    Fixture query(String name, String... values) {
        query.put(name, List.of(values));
        return this;
    }

    Fixture header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    Fixture stage(String name, String value) {
        stageVariables.put(name, value);
        return this;
    }

    TemplateInput input() {
        return new TemplateInput(body, path, query, headers, context, stageVariables);
    }

    String render(String template) {
        return COMPILER.compile("test", template).render(input());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String... keys) {
        Map<String, Object> current = context;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    /**
     * {@code $context} as the gateway builds it ({@link ContextVariables}) for a {@code POST /things/abc} on the
     * resource {@code /things/{id}}, plus what only some requests carry: an error and an authorizer.
     */
    private static Map<String, Object> context() {
        IncomingRequest request = new IncomingRequest(CallerFormat.REST_V1, "POST", "/things/abc", Map.of(),
                new Headers().set("User-Agent", "test-agent/1.0").freeze(), new byte[0], false, "198.51.100.7",
                "req-0001", 1_700_000_000_000L, "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
        Route route = new Route("/things/{id}", "POST", null, List.of(), null, null);
        PorticoSettings settings = new PorticoSettings("prod", Map.of(), "/health", "us-east-1", "123456789012",
                "a1b2c3d4e5", Map.of());
        Map<String, Object> context = ContextVariables.of(request, route, settings, Trace.of(null));
        context.put("resourceId", "r3s0");
        ContextVariables.setError(context, GatewayException.missingAuthenticationToken("no route"));
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("principalId", "user-42");
        authorizer.put("key", "value");
        authorizer.put("numKey", "1");
        authorizer.put("boolKey", "true");
        context.put("authorizer", authorizer);
        return context;
    }
}
