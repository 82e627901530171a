package dev.portico.mapping;

import dev.portico.errors.GatewayException;
import dev.portico.invocation.Invocation;
import dev.portico.route.IntegrationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code integration.request.(header|querystring|path).NAME -> source} mappings, as API Gateway's
 * "parameter mapping for REST APIs" reference describes them.
 */
public final class RequestParameterMapping {
    /** Headers no integration may have mapped onto it (recorded on AWS: the call fails with 500). */
    private static final Set<String> FORBIDDEN_FOR_ALL = Set.of("content-length", "transfer-encoding");
    /** Further headers that AWS and AWS_PROXY integrations refuse, since they would break request signing. */
    private static final Set<String> FORBIDDEN_FOR_AWS =
            Set.of("authorization", "connection", "expect", "proxy-authenticate", "te");

    private static final String HEADER = "integration.request.header.";
    private static final String QUERY = "integration.request.querystring.";
    private static final String PATH = "integration.request.path.";

    private RequestParameterMapping() {}

    /** @throws GatewayException (500) when a mapping targets a header the integration type forbids */
    public static MappedParameters apply(Map<String, String> mappings, IntegrationType type, Invocation invocation) {
        if (mappings.isEmpty()) {
            return MappedParameters.NONE;
        }
        for (Map.Entry<String, String> mapping : mappings.entrySet()) {
            String target = mapping.getKey();
            if (target.startsWith(HEADER)) {
                checkAllowed(target.substring(HEADER.length()), type, invocation);
            }
        }
        Map<String, String> headers = Map.of();
        Map<String, List<String>> query = Map.of();
        Map<String, String> path = Map.of();
        for (Map.Entry<String, String> mapping : mappings.entrySet()) {
            String target = mapping.getKey();
            List<String> values = ParameterSources.resolveValues(mapping.getValue(), invocation);
            if (values == null) {
                continue;
            }
            if (target.startsWith(HEADER)) {
                if (headers.isEmpty()) headers = new LinkedHashMap<>();
                headers.put(target.substring(HEADER.length()), joined(values));
            } else if (target.startsWith(QUERY)) {
                if (query.isEmpty()) query = new LinkedHashMap<>();
                query.put(target.substring(QUERY.length()), values);
            } else if (target.startsWith(PATH)) {
                if (path.isEmpty()) path = new LinkedHashMap<>();
                path.put(target.substring(PATH.length()), joined(values));
            }
        }
        return new MappedParameters(headers, query, path);
    }

    private static String joined(List<String> values) {
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    private static void checkAllowed(String header, IntegrationType type, Invocation invocation) {
        String name = header.toLowerCase(Locale.ROOT);
        boolean aws = type == IntegrationType.AWS || type == IntegrationType.AWS_PROXY;
        if (FORBIDDEN_FOR_ALL.contains(name) || (aws && FORBIDDEN_FOR_AWS.contains(name))) {
            throw GatewayException.configurationError(invocation.route().name()
                    + ": requestParameters maps onto the forbidden integration header " + header);
        }
    }
}
