package dev.portico.route;

/**
 * The kinds of access control an API Gateway export can declare on a method. Each names what it is, for the
 * loader's messages and for {@code ./portico check}, and says what a user can do while this build of Portico does
 * not enforce it. The kinds come from AWS's "OpenAPI extensions for API Gateway" pages:
 * {@code x-amazon-apigateway-authorizer} (token, request, cognito_user_pools), {@code x-amazon-apigateway-authtype}
 * {@code awsSigv4} and {@code x-amazon-apigateway-auth} {@code AWS_IAM}, the {@code x-api-key} API key scheme
 * ("Configure a method to use API keys with an OpenAPI definition"), {@code x-amazon-apigateway-policy} and the
 * private endpoint's {@code vpcEndpointIds} ({@code x-amazon-apigateway-endpoint-configuration}).
 */
public enum AccessKind {
    LAMBDA_TOKEN("a Lambda TOKEN authorizer",
            "check the token at the load balancer (an ALB listener rule with authenticate-oidc or authenticate-cognito)"),
    LAMBDA_REQUEST("a Lambda REQUEST authorizer",
            "check the request at the load balancer (an ALB listener rule with authenticate-oidc or authenticate-cognito)"),
    COGNITO_USER_POOLS("a Cognito user pool authorizer",
            "authenticate at the load balancer with an ALB listener rule of type authenticate-cognito"),
    /** Beyond API Gateway: the ALB's signed {@code x-amzn-oidc-data}, a scheme with {@code x-portico-authorizer}. */
    ALB_OIDC("the load balancer's OIDC identity (x-amzn-oidc-data)",
            "set portico.alb-oidc.signers to the load balancer's ARN so that Portico verifies it"),
    AWS_IAM("AWS_IAM authorization (SigV4-signed requests)",
            "IAM signatures can only be verified by AWS: keep the method on API Gateway, or authenticate callers at "
                    + "the load balancer instead"),
    /** Enforced by Portico (the {@code dev.portico.apikey} stage) unless named as enforced upstream. */
    API_KEY("an API key requirement (x-api-key)",
            "check keys in front of the function, or keep the method on API Gateway with its usage plan"),
    RESOURCE_POLICY("a resource policy (x-amazon-apigateway-policy)",
            "restrict callers at the load balancer (security groups, an internal ALB, listener rules)"),
    PRIVATE_ENDPOINT("a private endpoint reachable only from VPC endpoints (vpcEndpointIds)",
            "use an internal load balancer and security groups"),
    UNKNOWN_SCHEME("a security scheme of a kind Portico does not recognise (not a token, request or cognito_user_pools "
            + "authorizer, authtype awsSigv4, or the x-api-key header)",
            "enforce it in front of the function"),
    UNKNOWN_EXTENSION("an API Gateway extension Portico does not know, so it cannot tell whether it restricts access",
            "remove it if it does not restrict access");

    private final String description;
    private final String instead;

    AccessKind(String description, String instead) {
        this.description = description;
        this.instead = instead;
    }

    /** What the kind is, as a phrase: "a Lambda TOKEN authorizer". */
    public String description() {
        return description;
    }

    /** What a user can do while Portico does not enforce this kind. */
    public String instead() {
        return instead;
    }
}
