package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.route.AccessControl;
import dev.portico.route.AccessKind;
import dev.portico.route.AccessRequirement;
import dev.portico.route.ApiKeySource;
import dev.portico.route.AuthorizerDefinition;
import dev.portico.route.AwsServiceUri;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads what restricts access to each route of an export, and refuses what this build does not enforce: a
 * protected route is never served open. Lambda TOKEN and REQUEST authorizers, Cognito user pool authorizers
 * ({@link CognitoAuthorizerReader}) and Portico's {@code x-portico-authorizer: {type: alb_oidc}} load as the route's
 * {@link AuthorizerDefinition}, which the gateway enforces; the {@code x-api-key} scheme loads as the route's
 * {@link ApiKeySource} (the document's {@code x-amazon-apigateway-api-key-source}, HEADER when unset), which the
 * gateway's API key stage enforces ("Configure a method to use API keys with an OpenAPI definition"); any other
 * requirement (AWS_IAM among them) loads only when
 * {@code portico.access-control.enforced-upstream} names it, which is the operator's statement that something in
 * front of the function enforces it (a Lambda authorizer named there is left to that too).
 *
 * <p>What counts, from AWS's "OpenAPI extensions for API Gateway" pages: each operation's {@code security} (or the
 * document's, for operations without one; {@code security: []} is open) naming schemes in
 * {@code components.securitySchemes} (Swagger 2: {@code securityDefinitions}); an operation's
 * {@code x-amazon-apigateway-auth} of type {@code AWS_IAM}; the API's {@code x-amazon-apigateway-policy} and a
 * private endpoint's {@code vpcEndpointIds}, which apply to every route; and any {@code x-amazon-apigateway-*}
 * extension on the document, a path or an operation that is not in the lists below, since Portico cannot tell
 * whether it restricts access.
 */
final class AccessControlReader {
    /** The setting that lists requirements enforced in front of the function. */
    static final String SETTING = "portico.access-control.enforced-upstream";

    private static final String PREFIX = "x-amazon-apigateway-";
    private static final String AUTH = "x-amazon-apigateway-auth";
    private static final String POLICY = "x-amazon-apigateway-policy";
    private static final String ENDPOINT = "x-amazon-apigateway-endpoint-configuration";
    private static final String KEY_SOURCE = "x-amazon-apigateway-api-key-source";

    /**
     * Extensions Portico implements, or reads here, or that change no answer (documentation, tags, deployment and
     * TLS settings of API Gateway's own endpoint, compression); the README lists them. The HTTP API constructs
     * {@code x-amazon-apigateway-cors} and {@code x-amazon-apigateway-integrations} are refused by the loader, with
     * their own message, rather than as access control.
     */
    private static final Set<String> KNOWN = Set.of(
            "x-amazon-apigateway-any-method", "x-amazon-apigateway-integration",
            "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-binary-media-types",
            "x-amazon-apigateway-request-validator", "x-amazon-apigateway-request-validators",
            AUTH, POLICY, ENDPOINT,
            "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-documentation",
            "x-amazon-apigateway-tag-value", "x-amazon-apigateway-importexport-version",
            "x-amazon-apigateway-endpoint-access-mode", "x-amazon-apigateway-security-policy",
            "x-amazon-apigateway-minimum-compression-size", "x-amazon-apigateway-cors",
            "x-amazon-apigateway-integrations");

    private final JsonNode root;
    private final Set<String> enforcedUpstream;
    private final JsonNode schemes;
    /** What applies to every route: the resource policy, a private endpoint, unknown document-level extensions. */
    private final List<AccessRequirement> apiWide = new ArrayList<>();
    /** The API's key source; null when {@code x-amazon-apigateway-api-key-source} is neither HEADER nor AUTHORIZER. */
    private final ApiKeySource keySource;
    private final String keySourceText;

    AccessControlReader(JsonNode root, Set<String> enforcedUpstream) {
        this.root = root;
        this.enforcedUpstream = enforcedUpstream;
        this.schemes = root.has("securityDefinitions") ? root.get("securityDefinitions")
                : root.path("components").path("securitySchemes");
        JsonNode policy = root.get(POLICY);
        if (policy != null && !policy.isNull() && !(policy.isContainerNode() && policy.isEmpty())) {
            apiWide.add(new AccessRequirement(POLICY, AccessKind.RESOURCE_POLICY, List.of()));
        }
        if (!root.path(ENDPOINT).path("vpcEndpointIds").isEmpty()) {
            apiWide.add(new AccessRequirement(ENDPOINT, AccessKind.PRIVATE_ENDPOINT, List.of()));
        }
        unknownExtensions(root, apiWide);
        JsonNode source = root.get(KEY_SOURCE);
        keySourceText = source == null || source.isNull() ? "HEADER" : source.asText("");
        keySource = switch (keySourceText.toUpperCase(Locale.ROOT)) {
            case "HEADER" -> ApiKeySource.HEADER;
            case "AUTHORIZER" -> ApiKeySource.AUTHORIZER;
            default -> null;
        };
    }

    /**
     * The access control of one operation; each requirement that is not enforced upstream adds a problem naming
     * the route, the requirement and what to do instead.
     */
    AccessControl read(String name, JsonNode pathItem, JsonNode operation, Consumer<String> problems) {
        Map<String, AccessRequirement> found = new LinkedHashMap<>();
        apiWide.forEach(requirement -> found.put(requirement.name(), requirement));
        List<AccessRequirement> own = new ArrayList<>();
        unknownExtensions(pathItem, own);
        unknownExtensions(operation, own);
        JsonNode auth = operation.get(AUTH);
        if (auth != null) {
            String type = auth.path("type").asText("");
            if (type.equalsIgnoreCase("AWS_IAM")) {
                own.add(new AccessRequirement(AUTH, AccessKind.AWS_IAM, List.of()));
            } else if (!type.equalsIgnoreCase("NONE")) {
                problems.accept(name + ": " + AUTH + " type '" + type + "' is neither NONE nor AWS_IAM");
            }
        }
        JsonNode security = operation.has("security") ? operation.get("security") : root.path("security");
        for (JsonNode alternative : security) {
            alternative.fields().forEachRemaining(entry -> {
                JsonNode scheme = schemes.get(entry.getKey());
                if (scheme == null || !scheme.isObject()) {
                    problems.accept(name + ": security names scheme '" + entry.getKey() + "', which "
                            + (root.has("securityDefinitions") ? "securityDefinitions" : "components.securitySchemes")
                            + " does not define");
                    return;
                }
                List<String> scopes = new ArrayList<>();
                entry.getValue().forEach(scope -> scopes.add(scope.asText()));
                own.add(new AccessRequirement(entry.getKey(), kind(scheme), List.copyOf(scopes)));
            });
        }
        own.forEach(requirement -> found.putIfAbsent(requirement.name(), requirement));
        List<AccessRequirement> upstream = new ArrayList<>();
        AuthorizerDefinition authorizer = null;
        ApiKeySource apiKey = null;
        for (AccessRequirement requirement : found.values()) {
            if (enforcedUpstream.contains(requirement.name())) {
                upstream.add(requirement);
            } else if (requirement.kind() == AccessKind.API_KEY) {
                if (keySource == null) {
                    problems.accept(name + ": " + KEY_SOURCE + " is '" + keySourceText + "'; it must be HEADER or "
                            + "AUTHORIZER");
                    continue;
                }
                apiKey = keySource;
            } else if (ENFORCED.contains(requirement.kind())) {
                if (authorizer != null) {
                    problems.accept(name + ": security names two authorizers, '" + authorizer.name() + "' and '"
                            + requirement.name() + "'; an API Gateway method has one authorizer");
                    continue;
                }
                JsonNode scheme = schemes.get(requirement.name());
                authorizer = switch (requirement.kind()) {
                    case COGNITO_USER_POOLS -> CognitoAuthorizerReader.read(name, requirement, scheme, problems);
                    case ALB_OIDC -> new AuthorizerDefinition(requirement.name(), AuthorizerDefinition.Type.ALB_OIDC,
                            null, null, null, List.of("method.request.header." + ALB_OIDC_HEADER), null, 0, List.of(),
                            List.of());
                    default -> authorizer(name, requirement, scheme, problems);
                };
            } else {
                problems.accept(refusal(name, requirement));
            }
        }
        if (apiKey == ApiKeySource.AUTHORIZER && (authorizer == null
                || authorizer.type() != AuthorizerDefinition.Type.TOKEN
                && authorizer.type() != AuthorizerDefinition.Type.REQUEST)) {
            // API Gateway would answer every request 403, having no usageIdentifierKey to read: a table error.
            problems.accept(name + ": requires an API key from the authorizer (" + KEY_SOURCE + ": AUTHORIZER) "
                    + "but has no Lambda authorizer to answer a usageIdentifierKey");
        }
        return upstream.isEmpty() && authorizer == null && apiKey == null ? AccessControl.OPEN
                : new AccessControl(List.copyOf(upstream), authorizer, apiKey);
    }

    /**
     * A Lambda authorizer as AWS's "x-amazon-apigateway-authorizer object" page describes it, checked: a Lambda
     * invocation {@code authorizerUri}; for TOKEN one header as {@code identitySource}; for REQUEST a
     * comma-separated list of header, query string, stage variable and context sources, required when results are
     * cached; {@code authorizerResultTtlInSeconds} from 0 to 3600 (300 when unset); a valid
     * {@code identityValidationExpression}. Each problem names the route and the scheme; null when there is one.
     */
    private static AuthorizerDefinition authorizer(String route, AccessRequirement requirement, JsonNode scheme,
                                                   Consumer<String> problems) {
        String where = route + ": Lambda authorizer '" + requirement.name() + "'";
        JsonNode config = scheme.get(PREFIX + "authorizer");
        AuthorizerDefinition.Type type = requirement.kind() == AccessKind.LAMBDA_TOKEN
                ? AuthorizerDefinition.Type.TOKEN : AuthorizerDefinition.Type.REQUEST;
        List<String> found = new ArrayList<>();
        Consumer<String> problem = text -> found.add(where + " " + text);

        String uri = config.path("authorizerUri").asText("");
        AwsServiceUri awsUri = null;
        if (uri.isEmpty()) {
            problem.accept("has no authorizerUri");
        } else if (!uri.contains("${")) {
            try {
                awsUri = AwsServiceUri.parse(uri, Map.of());
                if (awsUri.lambdaFunction() == null) {
                    problem.accept("has authorizerUri " + uri + ", which is not a Lambda invocation URI "
                            + "(arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION/invocations)");
                }
            } catch (IllegalArgumentException e) {
                problem.accept("has authorizerUri " + uri + ", which is not a Lambda invocation URI");
            }
        }
        JsonNode credentials = config.get("authorizerCredentials");
        String role = credentials == null || credentials.isNull() ? null : credentials.asText();

        int ttl = AuthorizerDefinition.DEFAULT_TTL_SECONDS;
        JsonNode ttlNode = config.get("authorizerResultTtlInSeconds");
        if (ttlNode != null && !ttlNode.isNull()) {
            String text = ttlNode.asText();
            try {
                ttl = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                ttl = -1;
            }
            if (ttl < 0 || ttl > AuthorizerDefinition.MAX_TTL_SECONDS) {
                problem.accept("has authorizerResultTtlInSeconds " + text + "; it must be a whole number of seconds "
                        + "from 0 (no caching) to " + AuthorizerDefinition.MAX_TTL_SECONDS);
            }
        }

        List<String> sources = new ArrayList<>();
        JsonNode sourceNode = config.get("identitySource");
        String sourceText = sourceNode == null || sourceNode.isNull() ? "" : sourceNode.asText("");
        if (sourceNode == null && type == AuthorizerDefinition.Type.TOKEN) {
            // Without identitySource, API Gateway takes the token from the header the scheme names (in: header).
            String header = scheme.path("name").asText("");
            sourceText = header.isEmpty() ? "" : "method.request.header." + header;
        }
        for (String source : sourceText.split(",")) {
            if (!source.isBlank()) {
                sources.add(source.trim());
            }
        }
        if (type == AuthorizerDefinition.Type.TOKEN) {
            if (sources.size() != 1 || !sources.get(0).startsWith(HEADER_SOURCE)
                    || sources.get(0).length() == HEADER_SOURCE.length()) {
                problem.accept("is a TOKEN authorizer, whose identitySource must be one header "
                        + "(method.request.header.NAME), not '" + sourceText + "'");
            }
        } else {
            if (sources.isEmpty() && ttl > 0) {
                problem.accept("caches results (authorizerResultTtlInSeconds " + ttl + ") but has no identitySource "
                        + "to key them by; list the sources or set authorizerResultTtlInSeconds to 0");
            }
            for (String source : sources) {
                if (!isRequestSource(source)) {
                    problem.accept("has identitySource '" + source + "', which is none of method.request.header.NAME, "
                            + "method.request.multivalueheader.NAME, method.request.querystring.NAME, "
                            + "method.request.multivaluequerystring.NAME, stageVariables.NAME, context.NAME");
                }
            }
        }

        Pattern validation = null;
        String expression = config.path("identityValidationExpression").asText("");
        if (!expression.isEmpty()) {
            if (type == AuthorizerDefinition.Type.REQUEST) {
                problem.accept("is a REQUEST authorizer; identityValidationExpression applies to TOKEN authorizers only");
            } else {
                try {
                    validation = Pattern.compile(expression);
                } catch (PatternSyntaxException e) {
                    problem.accept("has identityValidationExpression '" + expression + "', which is not a regular "
                            + "expression: " + e.getDescription());
                }
            }
        }
        found.forEach(problems);
        return found.isEmpty() ? new AuthorizerDefinition(requirement.name(), type, uri, awsUri, role,
                List.copyOf(sources), validation, ttl) : null;
    }

    static final String HEADER_SOURCE = "method.request.header.";
    /** The header an ALB's authenticate action puts the signed user claims in. */
    static final String ALB_OIDC_HEADER = "x-amzn-oidc-data";
    /** Portico's own scheme extension: {@code x-portico-authorizer: {type: alb_oidc}}. */
    static final String PORTICO_AUTHORIZER = "x-portico-authorizer";
    /** The kinds Portico enforces itself. AWS_IAM is not among them: only AWS can verify a SigV4 signature. */
    private static final Set<AccessKind> ENFORCED = Set.of(AccessKind.LAMBDA_TOKEN, AccessKind.LAMBDA_REQUEST,
            AccessKind.COGNITO_USER_POOLS, AccessKind.ALB_OIDC);

    static boolean isRequestSource(String source) {
        for (String prefix : new String[] {HEADER_SOURCE, "method.request.multivalueheader.",
                "method.request.querystring.", "method.request.multivaluequerystring.", "stageVariables.", "context."}) {
            if (source.startsWith(prefix) && source.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    private static String refusal(String route, AccessRequirement requirement) {
        String label = requirement.name().startsWith(PREFIX) ? requirement.name()
                : "security scheme '" + requirement.name() + "'";
        return route + ": " + label + " is " + requirement.kind().description()
                + ", which this build of Portico does not enforce, so the route would be open to anyone; "
                + requirement.kind().instead() + ", and list '" + requirement.name() + "' in " + SETTING
                + " if something in front of the function enforces it";
    }

    /** What API Gateway makes of a security scheme on import. */
    static AccessKind kind(JsonNode scheme) {
        JsonNode authorizer = scheme.get(PREFIX + "authorizer");
        String authtype = scheme.path(PREFIX + "authtype").asText("").toLowerCase(Locale.ROOT);
        if (authorizer != null && authorizer.isObject()) {
            return switch (authorizer.path("type").asText("").toLowerCase(Locale.ROOT)) {
                case "token" -> AccessKind.LAMBDA_TOKEN;
                case "request" -> AccessKind.LAMBDA_REQUEST;
                case "cognito_user_pools" -> AccessKind.COGNITO_USER_POOLS;
                default -> AccessKind.UNKNOWN_SCHEME;
            };
        }
        JsonNode portico = scheme.get(PORTICO_AUTHORIZER);
        if (portico != null && portico.path("type").asText("").equalsIgnoreCase("alb_oidc")) {
            return AccessKind.ALB_OIDC;
        }
        if (authtype.equals("awssigv4")) {
            return AccessKind.AWS_IAM;
        }
        if (authtype.equals("cognito_user_pools")) {
            return AccessKind.COGNITO_USER_POOLS;
        }
        if (scheme.path("type").asText("").equalsIgnoreCase("apiKey")
                && scheme.path("in").asText("").equalsIgnoreCase("header")
                && scheme.path("name").asText("").equalsIgnoreCase("x-api-key")) {
            return AccessKind.API_KEY;
        }
        return AccessKind.UNKNOWN_SCHEME;
    }

    private static void unknownExtensions(JsonNode node, List<AccessRequirement> into) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (field.toLowerCase(Locale.ROOT).startsWith(PREFIX) && !KNOWN.contains(field)) {
                into.add(new AccessRequirement(field, AccessKind.UNKNOWN_EXTENSION, List.of()));
            }
        }
    }
}
