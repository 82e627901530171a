package dev.portico.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.integration.aws.AwsEndpoints;
import dev.portico.route.AwsServiceUri;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code policy [--routes FILE]}: the IAM policy the function's execution role needs for a route table, as a JSON
 * policy document on stdout, for {@code aws iam create-policy} and template.yaml's {@code RoutesPolicyArn}.
 * <ul>
 * <li>AWS_PROXY, and AWS routes to Lambda's invoke path: {@code lambda:InvokeFunction} on the function's ARN.</li>
 * <li>AWS {@code action/{Action}} uris: {@code {service}:{Action}}; the uri names no resource, so {@code *}.</li>
 * <li>AWS {@code path/...} uris: S3 object and bucket paths by the integration's method; any other service by a
 *     static {@code Action} query parameter or {@code X-Amz-Target} header in the request parameters.</li>
 * <li>A route with {@code credentials}: {@code sts:AssumeRole} on that role, whose own policy then needs the
 *     route's action (listed on stderr); the role must trust the function's execution role.</li>
 * <li>The DynamoDB route store, when {@code portico.routes.source=dynamodb}: {@code dynamodb:GetItem} and
 *     {@code dynamodb:Query} on its table.</li>
 * </ul>
 * A uri with {@code ${stageVariables.x}} is resolved with {@code portico.stage-variables}, as the function would;
 * one that cannot be resolved, or whose action the route does not say, is listed on stderr, never guessed. Exit
 * status 0 when the policy covers every route, 1 when some route is listed instead, 2 for a usage error.
 */
final class PolicyCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: policy [--routes FILE] [--enforced-upstream NAMES]
              Prints the IAM policy (JSON) the function's execution role needs for the route table: each Lambda
              function to invoke, each AWS service action, each credentials role to assume, and the DynamoDB route
              store when PORTICO_ROUTES_SOURCE=dynamodb. Stage variables come from portico.stage-variables. What the
              policy cannot cover (an unset stage variable, an action the route does not name) and what each
              credentials role itself needs are listed on stderr. FILE defaults to PORTICO_ROUTES, else the bundled
              example. Exit status 0 when the policy covers every route, 1 when a route is listed instead.""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT), Set.of(), Set.of());

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final Pattern STATIC_VALUE = Pattern.compile("'([^']*)'");

    /** Action to resources, sorted so that the same table always prints the same policy. */
    private final Map<String, Set<String>> grants = new TreeMap<>();
    /** Role ARN to what the role needs for its routes. */
    private final Map<String, Map<String, Set<String>>> roleNeeds = new TreeMap<>();
    private final List<String> unresolved = new ArrayList<>();

    private PolicyCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("policy", SPEC, args, out, err, line -> {
            line.positional(0, "nothing");
            PorticoConfig config = Cli.config();
            Path file = Cli.routes(line, config);
            RouteTable table = Cli.load(file, Cli.loader(line, config));
            PolicyCommand policy = new PolicyCommand();
            Map<String, String> stageVariables = Map.copyOf(config.stageVariables());
            for (Route route : table.routes()) {
                policy.add(route, stageVariables);
            }
            policy.addRouteStore(config);
            out.println(JSON.writeValueAsString(policy.document(policy.grants)));
            policy.roleNeeds.forEach((role, needs) -> err.println("# " + role + " (assumed by the function; it must"
                    + " trust the function's execution role) needs: " + describe(needs)));
            policy.unresolved.forEach(note -> err.println("# not in the policy: " + note));
            if (policy.grants.isEmpty()) {
                err.println("# the routes need no AWS permission: leave RoutesPolicyArn empty");
            }
            return policy.unresolved.isEmpty() ? 0 : 1;
        });
    }

    private void add(Route route, Map<String, String> stageVariables) {
        IntegrationDefinition integration = route.integration();
        IntegrationType type = integration.type();
        if (type != IntegrationType.AWS && type != IntegrationType.AWS_PROXY) {
            return; // MOCK, HTTP and HTTP_PROXY call nothing that IAM guards
        }
        String where = route.name() + " (" + type + " " + integration.uri() + ")";
        Matcher unset = STAGE_VARIABLE.matcher(integration.uri() == null ? "" : integration.uri());
        while (unset.find()) {
            if (!stageVariables.containsKey(unset.group(1))) {
                unresolved.add(where + ": stage variable " + unset.group(1) + " is not set"
                        + " (portico.stage-variables." + unset.group(1) + ")");
                return;
            }
        }
        AwsServiceUri uri;
        try {
            uri = integration.awsUri(stageVariables);
        } catch (IllegalArgumentException e) {
            unresolved.add(where + ": " + e.getMessage());
            return;
        }
        Map<String, Set<String>> needs = new TreeMap<>();
        String problem = needs(uri, integration, needs);
        if (problem != null) {
            unresolved.add(where + ": " + problem);
            return;
        }
        String role = integration.credentials();
        if (role == null || role.isBlank()) {
            needs.forEach((action, resources) -> grants.computeIfAbsent(action, a -> new TreeSet<>()).addAll(resources));
        } else if (role.matches("arn:aws[a-z-]*:iam::[0-9]{12}:role/.+")) {
            grants.computeIfAbsent("sts:AssumeRole", a -> new TreeSet<>()).add(role);
            needs.forEach((action, resources) -> roleNeeds.computeIfAbsent(role, r -> new TreeMap<>())
                    .computeIfAbsent(action, a -> new TreeSet<>()).addAll(resources));
        } else {
            unresolved.add(where + ": credentials " + role + " is not an IAM role ARN");
        }
    }

    /** Adds the actions and resources one AWS call needs; returns why it cannot, or null. */
    private static String needs(AwsServiceUri uri, IntegrationDefinition integration, Map<String, Set<String>> needs) {
        String function = uri.lambdaFunction();
        if (function != null) {
            if (!function.startsWith("arn:")) {
                return "the function is named, not given by ARN (" + function + "); use its ARN in the uri";
            }
            needs.computeIfAbsent("lambda:InvokeFunction", a -> new TreeSet<>()).add(function);
            return null;
        }
        if (integration.type() == IntegrationType.AWS_PROXY) {
            return "an AWS_PROXY uri must be a Lambda function's invocations path";
        }
        String prefix = iamPrefix(uri.service());
        if (uri.action() != null) {
            String action = uri.action().split("[&?]", 2)[0];
            needs.computeIfAbsent(prefix + ":" + action, a -> new TreeSet<>()).add("*");
            return null;
        }
        if (prefix.equals("s3")) {
            return s3(uri, integration.httpMethod(), needs);
        }
        String action = staticAction(integration.requestParameters());
        if (action == null) {
            return "a path uri whose action the route does not name (no static Action query parameter or"
                    + " X-Amz-Target header); add what " + uri.service() + " needs by hand";
        }
        needs.computeIfAbsent(prefix + ":" + action, a -> new TreeSet<>()).add(pathResource(uri, prefix));
        return null;
    }

    /** S3 object paths by the integration's method; a bucket alone is listing it. */
    private static String s3(AwsServiceUri uri, String method, Map<String, Set<String>> needs) {
        String path = uri.path().replaceAll("\\{[^}]+}", "*");
        String bucketAndKey = (uri.subdomain() != null ? uri.subdomain() + "/" + path : path).replaceAll("/+$", "");
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        boolean bucketOnly = !bucketAndKey.contains("/");
        String bucket = bucketAndKey.split("/", 2)[0];
        String action = switch (m) {
            case "GET", "HEAD" -> bucketOnly ? "s3:ListBucket" : "s3:GetObject";
            case "PUT", "POST" -> bucketOnly ? null : "s3:PutObject";
            case "DELETE" -> bucketOnly ? null : "s3:DeleteObject";
            default -> null;
        };
        if (action == null) {
            return "an S3 " + (m.isEmpty() ? "call without an httpMethod" : m + " " + (bucketOnly ? "on a bucket" : "on an object"))
                    + " that this command does not map to an action; add it by hand";
        }
        needs.computeIfAbsent(action, a -> new TreeSet<>()).add("arn:aws:s3:::" + (bucketOnly ? bucket : bucketAndKey));
        return null;
    }

    /** SQS's {@code path/{account}/{queue}} is a queue's ARN; other services' paths name no resource IAM knows. */
    private static String pathResource(AwsServiceUri uri, String prefix) {
        String[] parts = uri.path().split("/");
        if (prefix.equals("sqs") && parts.length == 2 && parts[0].matches("[0-9]{12}") && !parts[1].contains("{")) {
            return "arn:aws:sqs:" + uri.region() + ":" + parts[0] + ":" + parts[1];
        }
        return "*";
    }

    /** {@code integration.request.querystring.Action = 'SendMessage'}, or the action of a static X-Amz-Target. */
    private static String staticAction(Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            Matcher value = STATIC_VALUE.matcher(parameter.getValue().strip());
            if (!value.matches()) {
                continue;
            }
            String name = parameter.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("integration.request.querystring.action")) {
                return value.group(1);
            }
            if (name.equals("integration.request.header.x-amz-target")) {
                String target = value.group(1);
                return target.substring(target.lastIndexOf('.') + 1);
            }
        }
        return null;
    }

    /** The IAM service prefix: the SigV4 signing name, which is what IAM uses for the services API Gateway calls. */
    private static String iamPrefix(String service) {
        return AwsEndpoints.signingName(service.toLowerCase(Locale.ROOT));
    }

    private void addRouteStore(PorticoConfig config) {
        PorticoConfig.Routes routes = config.routes();
        if (routes.source().orElse(null) != PorticoConfig.RouteSourceKind.DYNAMODB) {
            return;
        }
        String region = Configuration.settings(config).region();
        routes.dynamodb().table().ifPresentOrElse(table -> {
            String arn = "arn:aws:dynamodb:" + region + ":*:table/" + table;
            for (String action : List.of("dynamodb:GetItem", "dynamodb:Query")) {
                grants.computeIfAbsent(action, a -> new TreeSet<>()).add(arn);
            }
        }, () -> unresolved.add("the DynamoDB route store: portico.routes.dynamodb.table is not set"));
    }

    private ObjectNode document(Map<String, Set<String>> actions) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        actions.forEach((action, resources) -> {
            ObjectNode statement = statements.addObject()
                    .put("Sid", action.replaceAll("[^A-Za-z0-9]", ""))
                    .put("Effect", "Allow")
                    .put("Action", action);
            ArrayNode resourceList = statement.putArray("Resource");
            resources.forEach(resourceList::add);
        });
        return policy;
    }

    private static String describe(Map<String, Set<String>> needs) {
        List<String> parts = new ArrayList<>();
        needs.forEach((action, resources) -> parts.add(action + " on " + String.join(", ", resources)));
        return String.join("; ", parts);
    }
}
