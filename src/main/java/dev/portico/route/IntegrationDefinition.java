package dev.portico.route;

import dev.portico.template.MappingTemplate;
import java.util.List;
import java.util.Map;

/**
 * A route's {@code x-amazon-apigateway-integration}, validated and with its templates compiled.
 *
 * @param type                     integration type
 * @param uri                      backend URI or AWS ARN; null for MOCK
 * @param httpMethod               method used to call the backend; null means the request's own (proxy types)
 * @param requestParameters        {@code integration.request.(header|querystring|path).X -> source expression}
 * @param requestTemplates         content type -> compiled template, in file order
 * @param passthroughBehavior      what happens to a body with no matching template
 * @param contentHandling          request body conversion
 * @param timeoutMillis            50 to 29,000
 * @param responses                integration responses in file order (the default one included)
 * @param credentials              IAM role ARN to assume for AWS integrations, or null
 * @param insecureSkipVerification {@code tlsConfig.insecureSkipVerification}
 * @param payloadFormatVersion     "1.0" or "2.0" for AWS_PROXY; REST routes use "1.0"
 * @param awsUri                   for AWS and AWS_PROXY, the uri parsed once at load; null when it names a stage
 *                                 variable (it is parsed per request then) or is not an AWS service ARN
 */
public record IntegrationDefinition(
        IntegrationType type,
        String uri,
        String httpMethod,
        Map<String, String> requestParameters,
        Map<String, MappingTemplate> requestTemplates,
        PassthroughBehavior passthroughBehavior,
        ContentHandling contentHandling,
        int timeoutMillis,
        List<IntegrationResponseDefinition> responses,
        String credentials,
        boolean insecureSkipVerification,
        String payloadFormatVersion,
        AwsServiceUri awsUri) {

    public static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    /** A definition whose AWS uri, if it has one, is parsed here, once. */
    public IntegrationDefinition(IntegrationType type, String uri, String httpMethod,
                                 Map<String, String> requestParameters, Map<String, MappingTemplate> requestTemplates,
                                 PassthroughBehavior passthroughBehavior, ContentHandling contentHandling,
                                 int timeoutMillis, List<IntegrationResponseDefinition> responses, String credentials,
                                 boolean insecureSkipVerification, String payloadFormatVersion) {
        this(type, uri, httpMethod, requestParameters, requestTemplates, passthroughBehavior, contentHandling,
                timeoutMillis, responses, credentials, insecureSkipVerification, payloadFormatVersion,
                AwsServiceUri.atLoad(type, uri));
    }

    /** The AWS uri for this request: the one parsed at load, else this uri with the stage's variables. */
    public AwsServiceUri awsUri(Map<String, String> stageVariables) {
        return awsUri != null ? awsUri : AwsServiceUri.parse(uri, stageVariables);
    }
}
