package dev.portico.route;

import dev.portico.template.MappingTemplate;
import java.util.Map;

/**
 * One {@code x-amazon-apigateway-gateway-responses} entry: how the API customises one gateway response type.
 *
 * @param statusCode         the status to answer with, or null to keep the type's own
 * @param responseParameters {@code gatewayresponse.header.X -> 'static value'} or a request parameter
 * @param responseTemplates  content type -> template for the body
 */
public record GatewayResponseDefinition(Integer statusCode, Map<String, String> responseParameters,
                                        Map<String, MappingTemplate> responseTemplates) {}
