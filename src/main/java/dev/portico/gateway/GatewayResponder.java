package dev.portico.gateway;

import dev.portico.errors.GatewayException;
import dev.portico.errors.GatewayResponseType;
import dev.portico.errors.LogText;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.event.OutgoingResponse;
import dev.portico.invocation.ContextVariables;
import dev.portico.invocation.Invocation;
import dev.portico.mapping.ParameterSources;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.template.MappingTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place where an error becomes an answer: logs it, fills {@code $context.error.*}, and answers with the
 * status, {@code x-amzn-ErrorType} and {@code {"message": ...}} body API Gateway gives by default, or with what
 * the route table's {@code x-amazon-apigateway-gateway-responses} says instead. A type without its own
 * customisation takes the customisation of DEFAULT_4XX or DEFAULT_5XX, as API Gateway does.
 */
final class GatewayResponder {
    private static final Logger LOG = Logger.getLogger(Portico.class);
    private static final String HEADER = "gatewayresponse.header.";

    private GatewayResponder() {}

    /**
     * @param request    the decoded request, or null when the event could not be decoded
     * @param invocation the request's invocation, whose route table may customise the answer; null when there is
     *                   no route table to serve
     */
    static OutgoingResponse answer(GatewayException error, IncomingRequest request, Invocation invocation) {
        log(error, request);
        if (invocation == null) {
            return render(error, null, null);
        }
        ContextVariables.setError(invocation.context(), error);
        try {
            return render(error, customisation(error, invocation.table().gatewayResponses()), invocation);
        } catch (RuntimeException e) {
            LOG.error("Gateway response template failed; answering with the default", e);
            return render(error, null, null);
        }
    }

    private static void log(GatewayException error, IncomingRequest request) {
        String what = request == null ? "event" : request.httpMethod() + " " + request.path();
        // No trace and no endpoint address in the log: LogText keeps the why without them.
        if (error.getCause() != null) {
            LOG.errorf("%s -> %s: %s (%s)", what, error.type(), LogText.of(error.logDetail()), LogText.of(error.getCause()));
        } else {
            LOG.warnf("%s -> %s: %s", what, error.type(), LogText.of(error.logDetail()));
        }
    }

    private static GatewayResponseDefinition customisation(
            GatewayException error, Map<GatewayResponseType, GatewayResponseDefinition> customisations) {
        GatewayResponseDefinition own = customisations.get(error.type());
        return own != null ? own : customisations.get(GatewayResponseType.fallbackFor(error.status()));
    }

    /**
     * @param custom     the customisation that applies, or null for API Gateway's default answer
     * @param invocation the request the customisation's parameters and template read; not null with a custom
     */
    static OutgoingResponse render(GatewayException error, GatewayResponseDefinition custom, Invocation invocation) {
        int status = custom != null && custom.statusCode() != null ? custom.statusCode() : error.status();
        Headers headers = new Headers();
        headers.set("Content-Type", "application/json");
        if (error.errorType() != null) {
            headers.set("x-amzn-ErrorType", error.errorType());
        }
        String body = defaultBody(error);
        if (custom != null) {
            custom.responseParameters().forEach((target, source) -> {
                String value = ParameterSources.resolve(source, invocation);
                if (value != null) {
                    headers.set(target.substring(HEADER.length()), value);
                }
            });
            MappingTemplate template = jsonTemplate(custom.responseTemplates());
            if (template != null) {
                body = template.render(invocation.templateInput(invocation.bodyAsText()));
            }
        }
        return new OutgoingResponse(status, headers.freeze(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    private static MappingTemplate jsonTemplate(Map<String, MappingTemplate> templates) {
        MappingTemplate json = templates.get("application/json");
        return json != null || templates.isEmpty() ? json : templates.values().iterator().next();
    }

    /**
     * API Gateway's own bodies. Its "Internal server error" answers carry a space after the colon (recorded on AWS:
     * 36 bytes); the others are written by its default template {@code {"message":$context.error.messageString}}.
     */
    static String defaultBody(GatewayException error) {
        return "Internal server error".equals(error.getMessage())
                ? "{\"message\": " + error.messageString() + "}"
                : "{\"message\":" + error.messageString() + "}";
    }
}
