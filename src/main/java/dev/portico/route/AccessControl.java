package dev.portico.route;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The access control of one route. This build of Portico enforces no kind itself: a route table whose routes
 * declare access control loads only when every requirement is listed in
 * {@code portico.access-control.enforced-upstream}, that is, when the operator states that something in front of
 * the function (the load balancer, a listener rule) enforces it. So every requirement held here is one that is
 * enforced upstream; a route without requirements is open, as it is on API Gateway.
 *
 * @param upstream the requirements enforced in front of the function, in file order
 */
public record AccessControl(List<AccessRequirement> upstream) {

    public static final AccessControl OPEN = new AccessControl(List.of());

    public boolean isOpen() {
        return upstream.isEmpty();
    }

    /** {@code none}, or {@code upstream: MyAuthorizer (a Lambda TOKEN authorizer), api_key (...)}. */
    public String describe() {
        return isOpen() ? "none"
                : "upstream: " + upstream.stream().map(AccessRequirement::describe).collect(Collectors.joining(", "));
    }
}
