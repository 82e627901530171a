package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.errors.GatewayResponseType;
import dev.portico.route.AccessControl;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.MethodParameter;
import dev.portico.route.PathTemplate;
import dev.portico.route.RequestValidator;
import dev.portico.route.Route;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import dev.portico.template.TemplateCompiler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads an API Gateway export (OpenAPI 3.0 or Swagger 2.0, JSON or YAML) into a validated {@link RouteTable}. */
public final class RouteTableLoader {
    /** OpenAPI operation keys, in the order API Gateway's export writes them, and the method each names. */
    static final Map<String, String> OPERATIONS = operations();


    private final TemplateCompiler templates;
    private final Set<String> enforcedUpstream;
    private final ImportVariables variables;
    private final BasePathMode basePathMode;
    private final boolean templatesChecked;

    /**
     * A loader that refuses every route with access control, since this build enforces none itself, and every
     * AWS variable for OpenAPI import, since it knows no region or account.
     */
    public RouteTableLoader(TemplateCompiler templates) {
        this(templates, Set.of(), ImportVariables.NONE);
    }

    /** A loader that lets through access control in {@code enforcedUpstream} and refuses every AWS variable. */
    public RouteTableLoader(TemplateCompiler templates, Set<String> enforcedUpstream) {
        this(templates, enforcedUpstream, ImportVariables.NONE);
    }

    /**
     * @param enforcedUpstream the security schemes and access extensions that something in front of the function
     *                         enforces ({@code portico.access-control.enforced-upstream}); routes that need only
     *                         these load, every other protected route fails the load
     * @param variables        the function's region and account, for {@code ${AWS::Region}},
     *                         {@code ${AWS::AccountId}} and {@code ${AWS::Partition}}
     */
    public RouteTableLoader(TemplateCompiler templates, Set<String> enforcedUpstream, ImportVariables variables) {
        this(templates, enforcedUpstream, variables, BasePathMode.IGNORE, false);
    }

    private RouteTableLoader(TemplateCompiler templates, Set<String> enforcedUpstream, ImportVariables variables,
                             BasePathMode basePathMode, boolean templatesChecked) {
        this.templates = templates;
        this.enforcedUpstream = Set.copyOf(enforcedUpstream);
        this.variables = variables;
        this.basePathMode = basePathMode;
        this.templatesChecked = templatesChecked;
    }

    /**
     * This loader for documents whose mapping templates were checked when they were built: the bundled table,
     * which the build loads with a checking loader ({@code dev.portico.route.openapi.BundledTableBuild}) and fails
     * on. Everything else is still read and checked; the templates are kept as text and parsed at first use.
     */
    public RouteTableLoader withTemplatesChecked() {
        return new RouteTableLoader(templates, enforcedUpstream, variables, basePathMode, true);
    }

    /**
     * This loader with the export's own base path treated as API Gateway's import parameter {@code basepath}
     * ({@link BasePathMode}) says; {@link BasePathMode#IGNORE}, AWS's default, unless set.
     */
    public RouteTableLoader withBasePath(BasePathMode mode) {
        return new RouteTableLoader(templates, enforcedUpstream, variables, mode, templatesChecked);
    }

    public BasePathMode basePathMode() {
        return basePathMode;
    }

    /**
     * @param source  a name for messages (file path or "bundled")
     * @param content the file's bytes
     * @throws InvalidRouteTableException naming the source, each broken route and its problem, one per line
     */
    public RouteTable load(String source, byte[] content) {
        OpenApiDocument document = OpenApiDocument.parse(source, content);
        document.resolve(variables);
        return new Load(document).table();
    }

    /** One load: the document's paths and operations read into routes, each part by its own reader. */
    private final class Load {
        private final OpenApiDocument document;
        private final JsonNode root;
        private final IntegrationReader integrations;
        private final AccessControlReader access;
        private List<String> basePath = List.of();

        Load(OpenApiDocument document) {
            this.document = document;
            this.root = document.root();
            this.integrations = new IntegrationReader(document, templates.forOneTable(), templatesChecked);
            this.access = new AccessControlReader(root, enforcedUpstream);
        }

        RouteTable table() {
            String openapi = root.path("openapi").asText("");
            String swagger = root.path("swagger").asText("");
            if (!openapi.startsWith("3.") && !swagger.equals("2.0")) {
                document.problem("neither \"openapi: 3.0.x\" nor \"swagger: 2.0\"");
            }
            if (root.has("x-amazon-apigateway-cors")) {
                // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html
                document.problem("x-amazon-apigateway-cors: CORS configuration is an HTTP API construct, which a "
                        + "REST API and Portico do not apply: answer preflights with OPTIONS methods (MOCK "
                        + "integrations) and add the Access-Control-* headers in responseParameters");
            }
            if (basePathMode != BasePathMode.IGNORE) {
                basePath = ExportBasePath.segments(root, document::problem);
            }
            JsonNode paths = root.get("paths");
            List<Route> routes = new ArrayList<>();
            if (paths == null || !paths.isObject()) {
                document.problem("no \"paths\" object");
            } else {
                Map<String, String> seen = new HashMap<>();
                paths.fields().forEachRemaining(path -> readPath(path.getKey(), path.getValue(), routes, seen));
            }
            Map<GatewayResponseType, GatewayResponseDefinition> gatewayResponses = integrations.gatewayResponses();
            List<String> binaryMediaTypes = new ArrayList<>();
            root.path("x-amazon-apigateway-binary-media-types").forEach(type -> binaryMediaTypes.add(type.asText()));
            document.failOnProblems();
            return new RouteTable(document.source(), new RouteMatcher(routes), gatewayResponses,
                    List.copyOf(binaryMediaTypes));
        }

        private void readPath(String declaredPath, JsonNode declared, List<Route> routes, Map<String, String> seen) {
            JsonNode item = document.deref(declared, declaredPath);
            String templateProblem = PathTemplate.problem(declaredPath);
            String path = templateProblem != null ? declaredPath
                    : ExportBasePath.apply(basePath, basePathMode, declaredPath);
            if (templateProblem != null) {
                List<String> names = new ArrayList<>();
                item.fieldNames().forEachRemaining(key -> {
                    if (OPERATIONS.containsKey(key)) {
                        names.add(OPERATIONS.get(key) + " " + path);
                    }
                });
                document.problem((names.isEmpty() ? "path " + path : String.join(", ", names))
                        + ": bad path template: " + templateProblem);
                return;
            }
            JsonNode shared = item.path("parameters");
            String resource = PathTemplate.resourceKey(path);
            item.fields().forEachRemaining(entry -> {
                String method = OPERATIONS.get(entry.getKey());
                if (method == null) {
                    return;
                }
                Route route = readRoute(path, method, item, entry.getValue(), shared);
                String name = method + " " + path;
                String earlier = seen.putIfAbsent(method + " " + resource, name);
                if (earlier != null) {
                    document.problem(name + ": duplicate route, same resource and method as " + earlier);
                } else if (route != null) {
                    routes.add(route);
                }
            });
        }

        private Route readRoute(String path, String method, JsonNode item, JsonNode operation, JsonNode shared) {
            String name = method + " " + path;
            int before = document.problemCount();
            List<MethodParameter> parameters = parameters(name, shared, operation.path("parameters"));
            RequestValidator validator = validator(name, operation);
            JsonNode integration = operation.get("x-amazon-apigateway-integration");
            IntegrationDefinition definition = null;
            if (integration == null || !integration.isObject()) {
                document.problem(name + ": missing x-amazon-apigateway-integration");
            } else {
                definition = integrations.integration(name, integration);
            }
            AccessControl accessControl = access.read(name, item, operation, document::problem);
            String operationId = operation.hasNonNull("operationId") ? operation.get("operationId").asText() : null;
            return document.problemCount() > before ? null
                    : new Route(path, method, operationId, parameters, validator, definition, accessControl);
        }

        private List<MethodParameter> parameters(String name, JsonNode shared, JsonNode own) {
            // An operation's parameter replaces a path-level one with the same location and name.
            Map<String, MethodParameter> byKey = new LinkedHashMap<>();
            for (JsonNode list : List.of(shared, own)) {
                for (JsonNode declared : list) {
                    JsonNode parameter = document.deref(declared, name);
                    MethodParameter.Location in = switch (parameter.path("in").asText()) {
                        case "path" -> MethodParameter.Location.PATH;
                        case "query" -> MethodParameter.Location.QUERY;
                        case "header" -> MethodParameter.Location.HEADER;
                        default -> null; // body is the validator's schema; cookie and formData API Gateway ignores
                    };
                    if (in == null) {
                        continue;
                    }
                    String parameterName = parameter.path("name").asText("");
                    if (parameterName.isEmpty()) {
                        document.problem(name + ": a parameter has no name");
                        continue;
                    }
                    byKey.put(in + " " + parameterName,
                            new MethodParameter(in, parameterName, parameter.path("required").asBoolean(false)));
                }
            }
            return List.copyOf(byKey.values());
        }

        private RequestValidator validator(String name, JsonNode operation) {
            JsonNode chosen = operation.has("x-amazon-apigateway-request-validator")
                    ? operation.get("x-amazon-apigateway-request-validator")
                    : root.get("x-amazon-apigateway-request-validator");
            if (chosen == null || chosen.isNull()) {
                return null;
            }
            JsonNode validator = root.path("x-amazon-apigateway-request-validators").get(chosen.asText());
            if (validator == null) {
                document.problem(name + ": unknown request validator '" + chosen.asText() + "'");
                return null;
            }
            return new RequestValidator(validator.path("validateRequestParameters").asBoolean(false),
                    validator.path("validateRequestBody").asBoolean(false), bodySchema(name, operation));
        }

        /** OpenAPI 3 requestBody (application/json, else the first content type) or the Swagger 2 body parameter. */
        private JsonNode bodySchema(String name, JsonNode operation) {
            JsonNode schema = null;
            if (operation.has("requestBody")) {
                JsonNode content = document.deref(operation.get("requestBody"), name).path("content");
                JsonNode media = content.has("application/json") ? content.get("application/json")
                        : content.elements().hasNext() ? content.elements().next() : null;
                schema = media == null ? null : media.get("schema");
            } else {
                for (JsonNode declared : operation.path("parameters")) {
                    JsonNode parameter = document.deref(declared, name);
                    if (parameter.path("in").asText().equals("body")) {
                        schema = parameter.get("schema");
                    }
                }
            }
            return schema == null ? null : document.inline(name, schema);
        }
    }

    private static Map<String, String> operations() {
        Map<String, String> operations = new LinkedHashMap<>();
        for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch")) {
            operations.put(method, method.toUpperCase(Locale.ROOT));
        }
        operations.put("x-amazon-apigateway-any-method", Route.ANY);
        return Collections.unmodifiableMap(operations);
    }
}
