package dev.portico.route;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The access control of one route: the Lambda authorizer Portico enforces, if any, and the requirements the
 * operator states are enforced in front of the function ({@code portico.access-control.enforced-upstream}). Any
 * other requirement keeps the table from loading, so a route without either is open, as it is on API Gateway.
 *
 * @param upstream   the requirements enforced in front of the function, in file order
 * @param authorizer the Lambda TOKEN or REQUEST authorizer Portico runs before the integration, or null
 */
public record AccessControl(List<AccessRequirement> upstream, AuthorizerDefinition authorizer) {

    public static final AccessControl OPEN = new AccessControl(List.of(), null);

    /** Access control enforced upstream only. */
    public AccessControl(List<AccessRequirement> upstream) {
        this(upstream, null);
    }

    public boolean isOpen() {
        return upstream.isEmpty() && authorizer == null;
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
        if (!upstream.isEmpty()) {
            parts.add("upstream: " + upstream.stream().map(AccessRequirement::describe).collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }
}
