package dev.portico.route;

import java.util.List;

/**
 * One access control that applies to a route: a security scheme the operation's {@code security} names, or an
 * extension that restricts access ({@code x-amazon-apigateway-auth}, {@code x-amazon-apigateway-policy}, ...).
 *
 * @param name   the scheme's name in the export, or the extension's name; what
 *               {@code portico.access-control.enforced-upstream} lists
 * @param kind   what sort of access control it is
 * @param scopes the OAuth scopes the operation asks of the scheme (Cognito), in file order
 */
public record AccessRequirement(String name, AccessKind kind, List<String> scopes) {

    /** {@code MyAuthorizer (a Lambda TOKEN authorizer)}, with the scopes when there are any. */
    public String describe() {
        return name + " (" + kind.description() + (scopes.isEmpty() ? "" : ", scopes " + String.join(" ", scopes)) + ")";
    }
}
