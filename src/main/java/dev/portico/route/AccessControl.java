package dev.portico.route;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The access control of one route: the Lambda authorizer Portico enforces, if any, the API key it requires, if
 * any, and the requirements the operator states are enforced in front of the function
 * ({@code portico.access-control.enforced-upstream}). Any other requirement keeps the table from loading, so a
 * route without any is open, as it is on API Gateway.
 *
 * @param upstream   the requirements enforced in front of the function, in file order
 * @param authorizer the Lambda TOKEN or REQUEST authorizer Portico runs before the integration, or null
 * @param apiKey     where the route's required API key comes from, or null when it requires none
 */
public record AccessControl(List<AccessRequirement> upstream, AuthorizerDefinition authorizer, ApiKeySource apiKey) {

    public static final AccessControl OPEN = new AccessControl(List.of(), null, null);

    /** Access control enforced upstream only. */
    public AccessControl(List<AccessRequirement> upstream) {
        this(upstream, null, null);
    }

    /** Access control without an API key. */
    public AccessControl(List<AccessRequirement> upstream, AuthorizerDefinition authorizer) {
        this(upstream, authorizer, null);
    }

    public boolean isOpen() {
        return upstream.isEmpty() && authorizer == null && apiKey == null;
    }

    /** Whether the method requires an API key ({@code apiKeyRequired} on API Gateway). */
    public boolean apiKeyRequired() {
        return apiKey != null;
    }

    /**
     * {@code none}, or {@code authorizer: TokenAuth (a Lambda TOKEN authorizer)},
     * {@code upstream: MyAuthorizer (a Lambda TOKEN authorizer), api_key (...)}, or both.
     */
    public String describe() {
        if (isOpen()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (authorizer != null) {
            parts.add("authorizer: " + authorizer.describe());
        }
        if (apiKey != null) {
            parts.add("api key: " + apiKey.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!upstream.isEmpty()) {
            parts.add("upstream: " + upstream.stream().map(AccessRequirement::describe).collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }
}
