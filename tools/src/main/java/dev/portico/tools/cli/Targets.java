package dev.portico.tools.cli;

import dev.portico.route.AwsServiceUri;
import dev.portico.route.Route;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a route's integration calls, so that a stub can stand in for it. */
final class Targets {
    private static final Pattern ORIGIN = Pattern.compile("(?i)(https?://[^/?#]+).*");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private Targets() {}

    /** The HTTP origin of the route's uri, its stage variables replaced; null when it has none. */
    static String origin(Route route, Map<String, String> stageVariables) {
        String uri = route.integration().uri();
        if (uri == null) {
            return null;
        }
        Matcher m = ORIGIN.matcher(substitute(uri, stageVariables));
        return m.matches() ? StubBackends.origin(m.group(1)) : null;
    }

    /** The function name a Lambda integration invokes; null when it invokes none. */
    static String lambdaFunction(Route route, Map<String, String> stageVariables) {
        AwsServiceUri uri = awsUri(route, stageVariables);
        String function = uri == null ? null : uri.lambdaFunction();
        if (function == null) {
            return null;
        }
        String[] parts = function.split(":");
        return function.startsWith("arn:") && parts.length >= 7 ? parts[6] : parts[0];
    }

    /** The AWS service an AWS integration calls; null for none. */
    static String service(Route route, Map<String, String> stageVariables) {
        AwsServiceUri uri = awsUri(route, stageVariables);
        return uri == null ? null : uri.service().toLowerCase(Locale.ROOT);
    }

    private static AwsServiceUri awsUri(Route route, Map<String, String> stageVariables) {
        try {
            return route.integration().awsUri(stageVariables);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String substitute(String uri, Map<String, String> stageVariables) {
        Matcher m = STAGE_VARIABLE.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(stageVariables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
