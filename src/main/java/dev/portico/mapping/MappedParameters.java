package dev.portico.mapping;

import java.util.List;
import java.util.Map;

/**
 * The result of a route's {@code requestParameters}: the values mapped onto the integration request.
 * Mappings whose source is absent are left out, as API Gateway drops them.
 *
 * @param headers header name (as written in the mapping) -> value
 * @param query   query name -> values
 * @param path    path placeholder name -> value
 */
public record MappedParameters(Map<String, String> headers, Map<String, List<String>> query, Map<String, String> path) {
    /** What a route without {@code requestParameters} maps. */
    public static final MappedParameters NONE = new MappedParameters(Map.of(), Map.of(), Map.of());
}
