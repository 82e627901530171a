package dev.portico.template.vtl;

import dev.portico.template.TemplateInput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code $input}: the payload and the method request parameters. One instance per render. */
@RegisterForReflection
public final class InputVariable {
    private static final Object UNPARSED = new Object();

    private final TemplateInput input;
    private Object document = UNPARSED;
    private Map<String, Map<String, String>> params;

    InputVariable(TemplateInput input) {
        this.input = input;
    }

    /** {@code $input.body}: the raw payload; an empty payload reads as {@code {}}. */
    public String getBody() {
        String body = input.body();
        return body == null || body.isEmpty() ? "{}" : body;
    }

    /** {@code $input.json(x)}: the JSONPath result as JSON text; empty when the path does not exist. */
    public String json(String path) {
        Object value = Json.read(document(), path);
        return value == Json.MISSING ? "" : Json.write(value);
    }

    /** {@code $input.path(x)}: the JSONPath result as maps, lists and values; null when absent. */
    public Object path(String path) {
        Object value = Json.read(document(), path);
        return value == Json.MISSING ? null : value;
    }

    /** {@code $input.params()}: {@code path}, {@code querystring} and {@code header} maps. */
    public Map<String, Map<String, String>> params() {
        if (params == null) {
            Map<String, String> path = new LinkedHashMap<>();
            if (input.pathParameters() != null) {
                path.putAll(input.pathParameters());
            }
            Map<String, String> query = new LinkedHashMap<>();
            if (input.query() != null) {
                input.query().forEach((name, values) -> {
                    if (values != null && !values.isEmpty()) {
                        query.put(name, values.get(values.size() - 1));
                    }
                });
            }
            Map<String, String> header = new LinkedHashMap<>();
            if (input.headers() != null) {
                input.headers().forEach((name, values) -> {
                    if (!values.isEmpty()) {
                        header.put(name, values.get(values.size() - 1));
                    }
                });
            }
            params = new LinkedHashMap<>();
            params.put("path", path);
            params.put("querystring", query);
            params.put("header", header);
        }
        return params;
    }

    /** {@code $input.params(x)}: path, then query string, then header (any casing); empty when absent. */
    public String params(String name) {
        String value;
        if (params != null || name == null) {
            params();
            // the maps of $input.params(), which the template may have changed
            value = params.get("path").get(name);
            if (value == null) {
                value = params.get("querystring").get(name);
            }
        } else {
            // what those maps would hold, without building them
            value = input.pathParameters() == null ? null : input.pathParameters().get(name);
            if (value == null && input.query() != null) {
                java.util.List<String> values = input.query().get(name);
                value = values == null || values.isEmpty() ? null : values.get(values.size() - 1);
            }
        }
        if (value == null && input.headers() != null) {
            value = input.headers().last(name);
        }
        return value == null ? "" : value;
    }

    /** The payload parsed once per render, on first use. */
    private Object document() {
        if (document == UNPARSED) {
            document = Json.parse(getBody());
        }
        return document;
    }

    @Override
    public String toString() {
        return "$input";
    }
}
