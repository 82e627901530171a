package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.IntegrationDefinition;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.TestTemplates.SourceTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Definitions shaped like the ones people write for API Gateway by hand or with Terraform and CloudFormation
 * (issue 24): one definition per shape, each written for this test.
 */
class ImportedDefinitionsTest {
    private static final ImportVariables IRELAND = new ImportVariables("eu-west-1", "111122223333");

    /**
     * "AWS variables for OpenAPI import":
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html - API Gateway
     * resolves ${AWS::AccountId}, ${AWS::Partition} and ${AWS::Region} in the definition when it imports it.
     */
    @Nested
    class AwsVariables {
        private static final String ORDERS = """
                openapi: 3.0.1
                info: {title: orders, version: "1"}
                paths:
                  /orders:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:list-orders/invocations
                    post:
                      x-amazon-apigateway-integration:
                        type: aws
                        httpMethod: POST
                        uri: arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution
                        credentials: arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-api
                        requestTemplates:
                          application/json: |
                            {"stateMachineArn": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:place-order",
                             "input": "$util.escapeJavaScript($input.body)"}
                        responses:
                          default:
                            statusCode: "202"
                            responseTemplates:
                              application/json: '{"region": "${AWS::Region}", "accepted": true}'
                """;

        @Test
        void resolvedInUrisCredentialsAndTemplates() {
            RouteTable table = load(new RouteTableLoader(TestTemplates.COMPILER, Set.of(), IRELAND), ORDERS);
            assertEquals("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                            + "arn:aws:lambda:eu-west-1:111122223333:function:list-orders/invocations",
                    route(table, "GET /orders").integration().uri());
            assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:list-orders",
                    route(table, "GET /orders").integration().awsUri(Map.of()).lambdaFunction());
            IntegrationDefinition start = route(table, "POST /orders").integration();
            assertEquals("arn:aws:apigateway:eu-west-1:states:action/StartExecution", start.uri());
            assertEquals("arn:aws:iam::111122223333:role/orders-api", start.credentials());
            assertEquals("{\"stateMachineArn\": \"arn:aws:states:eu-west-1:111122223333:stateMachine:place-order\",\n"
                            + " \"input\": \"$util.escapeJavaScript($input.body)\"}\n",
                    ((SourceTemplate) start.requestTemplates().get("application/json")).source());
            assertEquals("{\"region\": \"eu-west-1\", \"accepted\": true}",
                    ((SourceTemplate) start.responses().get(0).responseTemplates().get("application/json")).source());
        }

        @Test
        void templatesThatNameThemParseOnceResolved() {
            // Unresolved, "${AWS::Region}" is not VTL: the compiler stops at "::Region}".
            RouteTable table = load(RouteTables.loader(Set.of(), IRELAND), ORDERS);
            assertNotNull(route(table, "POST /orders").integration().requestTemplates().get("application/json"));
            assertRefused(new RouteTableLoader(RouteTables.compiler(), Set.of(), new ImportVariables(null, "1")), ORDERS.replace("${AWS::Partition}", "aws").replace("${AWS::AccountId}", "1"),
                    "POST /orders: ${AWS::Region} cannot be resolved: portico.aws.region is not set");
        }

        @Test
        void partitionFollowsTheRegion() {
            assertEquals("aws", IRELAND.partition());
            assertEquals("aws-cn", new ImportVariables("cn-northwest-1", "1").partition());
            assertEquals("aws-us-gov", new ImportVariables("us-gov-west-1", "1").partition());
            RouteTable table = load(new RouteTableLoader(TestTemplates.COMPILER, Set.of(),
                    new ImportVariables("cn-north-1", "222233334444")), ORDERS);
            assertEquals("arn:aws-cn:iam::222233334444:role/orders-api",
                    route(table, "POST /orders").integration().credentials());
        }

        @Test
        void withoutAnAccountTheDefinitionIsRefusedNamingTheRouteAndTheSetting() {
            InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class,
                    () -> load(new RouteTableLoader(TestTemplates.COMPILER, Set.of(),
                            new ImportVariables("eu-west-1", null)), ORDERS));
            assertEquals("""
                    Invalid route table test-table:
                    GET /orders: ${AWS::AccountId} cannot be resolved: portico.account-id is not set
                    POST /orders: ${AWS::AccountId} cannot be resolved: portico.account-id is not set""",
                    error.getMessage());
        }

        @Test
        void aCloudFormationPseudoParameterIsNoImportVariable() {
            assertRefused(new RouteTableLoader(TestTemplates.COMPILER, Set.of(), IRELAND), """
                    openapi: 3.0.1
                    paths:
                      /orders:
                        get:
                          x-amazon-apigateway-integration:
                            type: aws_proxy
                            httpMethod: POST
                            uri: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AWS::StackName}-list/invocations
                    """, "GET /orders: ${AWS::StackName} is not an AWS variable for OpenAPI import "
                    + "(API Gateway resolves AWS::AccountId, AWS::Partition and AWS::Region)");
        }
    }

    /** A backslash before a quote in a method argument is a lexical error in Velocity. */
    @Test
    void aTemplateWithALexicalErrorIsRefusedNamingRouteContentTypeLineAndColumn() {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(
                RouteTables.loader(Set.of(), IRELAND), """
                openapi: 3.0.1
                paths:
                  /search:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates:
                          application/json: |
                            {"statusCode": 200,
                             "q": "$input.params(\\"data\\")"}
                  /healthy:
                    get:
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                """));
        assertEquals("Invalid route table test-table:\nmapping template GET /search request template "
                + "application/json does not parse: line 2, column 23: unexpected '\"' after '\\'", error.getMessage());
    }

    /**
     * The x-amazon-apigateway-integration object
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html)
     * takes strings for uri, credentials and each template; a CloudFormation Fn::Sub or a YAML map left in is refused.
     */
    @Test
    void valuesThatAreNotStringsAreRefusedNamingTheRoute() {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(
                new RouteTableLoader(TestTemplates.COMPILER, Set.of(), IRELAND), """
                        openapi: 3.0.1
                        paths:
                          /a:
                            get:
                              x-amazon-apigateway-integration:
                                type: aws_proxy
                                httpMethod: POST
                                uri:
                                  Fn::Sub: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                          /b:
                            post:
                              x-amazon-apigateway-integration:
                                type: aws
                                httpMethod: POST
                                uri: arn:aws:apigateway:eu-west-1:sqs:path/111122223333/q
                                credentials: {role: queue-writer}
                                requestParameters:
                                  integration.request.header.X-Flag: true
                                requestTemplates:
                                  application/json:
                                    Action: SendMessage
                          /c:
                            get:
                              x-amazon-apigateway-integration:
                                type: mock
                                requestTemplates: '{"statusCode": 200}'
                                responses:
                                  default:
                                    statusCode: 200
                                    responseTemplates:
                                      text/plain: [one, two]
                        """));
        assertEquals("""
                Invalid route table test-table:
                GET /a: uri is an object, not a string (a CloudFormation Fn::Sub left in: API Gateway does not resolve it)
                POST /b: credentials is an object, not a string
                POST /b: requestParameters integration.request.header.X-Flag is a boolean, not a string
                POST /b: request template application/json is an object, not a string
                GET /c: response 'default' template text/plain is a list, not a string
                GET /c: requestTemplates is a string, not an object""", error.getMessage());
    }

    @Test
    void anUnquotedPayloadFormatVersionIsStillTheVersion() {
        RouteTable table = load(new RouteTableLoader(TestTemplates.COMPILER), """
                openapi: 3.0.1
                paths:
                  /v2:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:f/invocations
                        payloadFormatVersion: 2.0
                """);
        assertEquals("2.0", route(table, "GET /v2").integration().payloadFormatVersion());
    }

    /** Only ${stageVariables.name} is substituted in a uri or credentials after import. */
    @Test
    void placeholdersNothingResolvesAreRefused() {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(
                new RouteTableLoader(TestTemplates.COMPILER, Set.of(), IRELAND), """
                        {"openapi": "3.0.1", "paths": {
                          "/lambda": {"post": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                            "uri": "arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account_id}:function:${lambda_name}/invocations"}}},
                          "/queue": {"post": {"x-amazon-apigateway-integration": {"type": "aws", "httpMethod": "POST",
                            "uri": "arn:aws:apigateway:eu-west-1:sqs:path/111122223333/orders",
                            "credentials": "arn:aws:iam::${var.account}:role/writer"}}},
                          "/site": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET",
                            "uri": "https://${backend_host}/v1"}}},
                          "/staged": {"get": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                            "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:${stageVariables.fn}/invocations"}}}
                        }}"""));
        assertEquals("""
                Invalid route table test-table:
                POST /lambda: uri 'arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account_id}:function:${lambda_name}/invocations' has ${region}, ${account_id}, ${lambda_name}, which nothing resolves: API Gateway substitutes only ${stageVariables.name} here
                POST /queue: credentials 'arn:aws:iam::${var.account}:role/writer' has ${var.account}, which nothing resolves: API Gateway substitutes only ${stageVariables.name} here
                GET /site: uri 'https://${backend_host}/v1' has ${backend_host}, which nothing resolves: API Gateway substitutes only ${stageVariables.name} here""",
                error.getMessage());
    }

    /** HTTP API constructs: Portico serves REST APIs, and says so, naming the construct and the route. */
    @Nested
    class HttpApiConstructs {
        @Test
        void integrationSubtype() {
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
            assertRefused(new RouteTableLoader(TestTemplates.COMPILER), """
                    openapi: 3.0.1
                    paths:
                      /events:
                        post:
                          x-amazon-apigateway-integration:
                            type: aws_proxy
                            integrationSubtype: EventBridge-PutEvents
                            credentials: arn:aws:iam::111122223333:role/events
                            requestParameters:
                              Detail: $request.body.detail
                              DetailType: order
                              Source: shop
                            payloadFormatVersion: "1.0"
                    """, "Invalid route table test-table:\nPOST /events: integrationSubtype 'EventBridge-PutEvents' "
                    + "is an HTTP API AWS service integration; Portico serves REST APIs: use type aws with an action "
                    + "or path uri and a request template");
        }

        @Test
        void integrationsInComponents() {
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-integrations.html
            InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(
                    new RouteTableLoader(TestTemplates.COMPILER), """
                            openapi: 3.0.1
                            paths:
                              /users:
                                get:
                                  x-amazon-apigateway-integration:
                                    $ref: '#/components/x-amazon-apigateway-integrations/users'
                            components:
                              x-amazon-apigateway-integrations:
                                users:
                                  type: http_proxy
                                  httpMethod: GET
                                  uri: https://users.example.com
                                  payloadFormatVersion: "1.0"
                            """));
            assertEquals("Invalid route table test-table:\nGET /users: x-amazon-apigateway-integration is a $ref "
                    + "('#/components/x-amazon-apigateway-integrations/users'): integrations kept in "
                    + "components/x-amazon-apigateway-integrations are an HTTP API construct; Portico serves REST "
                    + "APIs, which define each integration on its method", error.getMessage());
        }

        @Test
        void corsConfiguration() {
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html
            assertRefused(new RouteTableLoader(TestTemplates.COMPILER), """
                    openapi: 3.0.1
                    x-amazon-apigateway-cors:
                      allowOrigins: ["https://app.example.com"]
                      allowMethods: [GET, POST]
                      maxAge: 600
                    paths:
                      /ping:
                        get:
                          x-amazon-apigateway-integration: {type: mock}
                    """, "x-amazon-apigateway-cors: CORS configuration is an HTTP API construct, which a REST API "
                    + "and Portico do not apply");
        }
    }

    private static void assertRefused(RouteTableLoader loader, String document, String expected) {
        InvalidRouteTableException error = assertThrows(InvalidRouteTableException.class, () -> load(loader, document));
        assertTrue(error.getMessage().contains(expected), () -> "expected '" + expected + "' in:\n" + error.getMessage());
    }

    private static RouteTable load(RouteTableLoader loader, String document) {
        return loader.load("test-table", document.getBytes(StandardCharsets.UTF_8));
    }

    private static Route route(RouteTable table, String name) {
        return RouteTableLoaderTest.route(table, name);
    }
}
