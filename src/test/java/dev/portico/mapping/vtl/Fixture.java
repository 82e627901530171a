package dev.portico.mapping.vtl;

import dev.portico.event.Headers;
import dev.portico.mapping.TemplateInput;
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

    private static Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "a1b2c3d4e5");
        context.put("stage", "prod");
        context.put("requestId", "req-0001");
        context.put("resourcePath", "/things/{id}");
        context.put("resourceId", "r3s0");
        context.put("httpMethod", "POST");
        context.put("path", "/prod/things/abc");
        Map<String, Object> identity = new HashMap<>();
        identity.put("sourceIp", "198.51.100.7");
        identity.put("userAgent", "test-agent/1.0");
        identity.put("accountId", "");
        identity.put("apiKey", "");
        identity.put("caller", "");
        identity.put("user", "");
        identity.put("userArn", "");
        context.put("identity", identity);
        Map<String, Object> error = new HashMap<>();
        error.put("message", "Missing Authentication Token");
        error.put("messageString", "\"Missing Authentication Token\"");
        error.put("responseType", "MISSING_AUTHENTICATION_TOKEN");
        context.put("error", error);
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("principalId", "user-42");
        authorizer.put("key", "value");
        authorizer.put("numKey", "1");
        authorizer.put("boolKey", "true");
        context.put("authorizer", authorizer);
        Map<String, Object> requestOverride = new LinkedHashMap<>();
        requestOverride.put("header", new LinkedHashMap<String, Object>());
        requestOverride.put("path", new LinkedHashMap<String, Object>());
        requestOverride.put("querystring", new LinkedHashMap<String, Object>());
        context.put("requestOverride", requestOverride);
        Map<String, Object> responseOverride = new LinkedHashMap<>();
        responseOverride.put("header", new LinkedHashMap<String, Object>());
        context.put("responseOverride", responseOverride);
        return context;
    }
}
