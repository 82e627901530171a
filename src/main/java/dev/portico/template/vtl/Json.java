package dev.portico.template.vtl;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonProvider;
import dev.portico.template.JsonText;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jayway JsonPath with its default json-smart provider, as API Gateway uses it: objects are LinkedHashMaps
 * (printing {@code {k=v}}), arrays are json-smart JSONArrays (printing compact JSON).
 */
final class Json {
    private static final Configuration CONFIGURATION = JsonText.configuration();
    private static final JsonProvider PROVIDER = CONFIGURATION.jsonProvider();
    private static final int MAX_CACHED_PATHS = 1024;
    private static final ConcurrentHashMap<String, JsonPath> PATHS = new ConcurrentHashMap<>();

    private Json() {}

    /** @throws RuntimeException when the text is not JSON or passes {@link JsonText}'s bounds */
    static Object parse(String text) {
        return JsonText.parse(text);
    }

    static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map || value instanceof java.util.List) {
            return PROVIDER.toJson(value);
        }
        // The provider writes only containers; a one-element array gives a scalar json-smart's exact escaping.
        String array = PROVIDER.toJson(java.util.List.of(value));
        return array.substring(1, array.length() - 1);
    }

    /** Marks a path that does not exist, as distinct from one holding JSON null. */
    static final Object MISSING = new Object();

    /** The value at the path (null for JSON null), or {@link #MISSING}. */
    static Object read(Object document, String path) {
        try {
            return compiled(path).read(document, CONFIGURATION);
        } catch (PathNotFoundException e) {
            return MISSING;
        }
    }

    private static JsonPath compiled(String path) {
        JsonPath compiled = PATHS.get(path);
        if (compiled == null) {
            compiled = JsonPath.compile(path);
            // Paths come from templates, so the set is small; the bound only guards against dynamic paths.
            if (PATHS.size() < MAX_CACHED_PATHS) {
                PATHS.put(path, compiled);
            }
        }
        return compiled;
    }
}
