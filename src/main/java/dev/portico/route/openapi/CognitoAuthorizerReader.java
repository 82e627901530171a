package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.route.AccessRequirement;
import dev.portico.route.AuthorizerDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Cognito user pool authorizer as AWS's "x-amazon-apigateway-authorizer object" page describes it
 * ({@code type: cognito_user_pools}), checked at load: {@code providerARNs}, one to 1,000 user pool ARNs
 * ({@code arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID}; a region or pool id may name a stage variable, as
 * "Integrate a REST API with an Amazon Cognito user pool" allows); {@code identitySource} one header (the scheme's
 * {@code name} when unset, as API Gateway takes it); a valid {@code identityValidationExpression}; and the
 * operation's OAuth scopes. Each problem names the route and the scheme.
 */
final class CognitoAuthorizerReader {
    /** "You can use up to 1,000 user pools for one COGNITO_USER_POOLS authorizer." */
    static final int MAX_POOLS = 1000;
    private static final String VARIABLE = "\\$\\{stageVariables\\.[A-Za-z0-9_]+\\}";
    private static final Pattern POOL_ARN = Pattern.compile("arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+|" + VARIABLE
            + "):[0-9]{12}:userpool/([A-Za-z0-9-]+_[A-Za-z0-9]+|" + VARIABLE + "|[A-Za-z0-9-]+_" + VARIABLE + ")");

    private CognitoAuthorizerReader() {}

    /** The authorizer, or null after adding each problem. */
    static AuthorizerDefinition read(String route, AccessRequirement requirement, JsonNode scheme,
                                     Consumer<String> problems) {
        String where = route + ": Cognito user pool authorizer '" + requirement.name() + "'";
        List<String> found = new ArrayList<>();
        Consumer<String> problem = text -> found.add(where + " " + text);
        JsonNode config = scheme.path("x-amazon-apigateway-authorizer");

        List<String> arns = new ArrayList<>();
        JsonNode arnNode = config.get("providerARNs");
        if (arnNode == null || !arnNode.isArray() || arnNode.isEmpty()) {
            problem.accept("has no providerARNs; list the user pools' ARNs "
                    + "(arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID)");
        } else if (arnNode.size() > MAX_POOLS) {
            problem.accept("lists " + arnNode.size() + " user pools; an authorizer takes at most " + MAX_POOLS);
        } else {
            for (JsonNode arn : arnNode) {
                String text = arn.asText("");
                if (!POOL_ARN.matcher(text).matches()) {
                    problem.accept("has providerARN '" + text + "', which is not a user pool ARN "
                            + "(arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID)");
                } else {
                    arns.add(text);
                }
            }
        }

        JsonNode sourceNode = config.get("identitySource");
        String source = sourceNode == null || sourceNode.isNull() ? "" : sourceNode.asText("").trim();
        if (sourceNode == null) {
            String header = scheme.path("name").asText("");
            source = AccessControlReader.HEADER_SOURCE + (header.isEmpty() ? "Authorization" : header);
        }
        if (!source.startsWith(AccessControlReader.HEADER_SOURCE)
                || source.length() == AccessControlReader.HEADER_SOURCE.length() || source.contains(",")) {
            problem.accept("takes its token from one header (method.request.header.NAME), not '" + source + "'");
        }

        Pattern validation = null;
        String expression = config.path("identityValidationExpression").asText("");
        if (!expression.isEmpty()) {
            try {
                validation = Pattern.compile(expression);
            } catch (PatternSyntaxException e) {
                problem.accept("has identityValidationExpression '" + expression + "', which is not a regular "
                        + "expression: " + e.getDescription());
            }
        }
        for (String scope : requirement.scopes()) {
            if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                problem.accept("is asked for scope '" + scope + "'; an OAuth scope is one word with no spaces");
            }
        }
        found.forEach(problems);
        return found.isEmpty() ? new AuthorizerDefinition(requirement.name(), AuthorizerDefinition.Type.COGNITO_USER_POOLS,
                null, null, null, List.of(source), validation, 0, List.copyOf(arns), requirement.scopes()) : null;
    }
}
