package dev.portico.authorizer;

import java.util.List;
import java.util.Locale;

/**
 * The IAM policy a Lambda authorizer returns, evaluated as API Gateway evaluates it against the method ARN ("Output
 * from an API Gateway Lambda authorizer"; "Statement reference of IAM policies for executing API in API Gateway"):
 * a statement applies when one of its actions matches {@code execute-api:Invoke} and one of its resources matches
 * the ARN, {@code *} standing for any run of characters and {@code ?} for one; an applicable Deny wins over any
 * Allow; without an applicable Allow the request is denied too.
 */
record Policy(List<Statement> statements) {

    static final String INVOKE = "execute-api:Invoke";

    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** One statement: {@code Effect}, its {@code Action}s and {@code Resource}s. */
    record Statement(boolean allow, List<String> actions, List<String> resources) {
        boolean appliesTo(String methodArn) {
            return actions.stream().anyMatch(action -> wildcard(action.toLowerCase(Locale.ROOT),
                    INVOKE.toLowerCase(Locale.ROOT)))
                    && resources.stream().anyMatch(resource -> wildcard(resource, methodArn));
        }
    }

    Decision evaluate(String methodArn) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.appliesTo(methodArn)) {
                if (!statement.allow()) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /**
     * Whether {@code text} matches {@code pattern}, where {@code *} is any run of characters and {@code ?} one
     * character, as IAM matches resources. Linear backtracking over the last star, so no pattern can make it slow.
     */
    static boolean wildcard(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
