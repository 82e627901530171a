package dev.portico.route;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS integration {@code uri}: {@code arn:aws:apigateway:{region}:{[subdomain.]service}:action/{Action}} or
 * {@code ...:path/{path}}, after {@code ${stageVariables.x}} substitution.
 *
 * @param region    the region the service is called in
 * @param subdomain the host prefix before the service ({@code mybucket} in {@code mybucket.s3}), or null
 * @param service   the service name as API Gateway writes it ({@code sqs}, {@code dynamodb}, {@code lambda}...)
 * @param action    the action name for {@code action/} URIs, else null
 * @param path      the path for {@code path/} URIs without its leading '/', else null
 */
public record AwsServiceUri(String region, String subdomain, String service, String action, String path) {
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([A-Za-z0-9.-]+):(action|path)/(.*)", Pattern.DOTALL);
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final Pattern LAMBDA_INVOKE = Pattern.compile("2015-03-31/functions/(.+)/invocations");

    /** @throws IllegalArgumentException when {@code uri} is not an API Gateway service ARN */
    public static AwsServiceUri parse(String uri, Map<String, String> stageVariables) {
        String resolved = substituteStageVariables(uri, stageVariables);
        Matcher m = ARN.matcher(resolved == null ? "" : resolved);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an AWS service integration uri: " + resolved);
        }
        String host = m.group(2);
        int dot = host.lastIndexOf('.');
        String subdomain = dot < 0 ? null : host.substring(0, dot);
        String service = dot < 0 ? host : host.substring(dot + 1);
        boolean isAction = m.group(3).equals("action");
        return new AwsServiceUri(m.group(1), subdomain, service, isAction ? m.group(4) : null,
                isAction ? null : m.group(4));
    }

    /**
     * The uri of an AWS or AWS_PROXY integration parsed at load, or null when it can only be parsed per request
     * (it names a stage variable) or not at all (the request answers the configuration error).
     */
    static AwsServiceUri atLoad(IntegrationType type, String uri) {
        if (type != IntegrationType.AWS && type != IntegrationType.AWS_PROXY || uri == null || uri.contains("${")) {
            return null;
        }
        try {
            return parse(uri, Map.of());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String substituteStageVariables(String text, Map<String, String> stageVariables) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = STAGE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = stageVariables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("stage variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The function ARN (or name, with any alias) of a Lambda invoke URI; null for any other URI. */
    public String lambdaFunction() {
        if (!service.equals("lambda") || path == null) {
            return null;
        }
        Matcher m = LAMBDA_INVOKE.matcher(path);
        return m.matches() ? m.group(1) : null;
    }
}
