package dev.portico.route.openapi;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of the AWS variables that API Gateway resolves when it imports an OpenAPI definition:
 * {@code ${AWS::Region}}, {@code ${AWS::AccountId}} and {@code ${AWS::Partition}} ("AWS variables for OpenAPI
 * import", https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html). The page
 * says they are resolved in the definition when it is imported, and names no field; so the loader resolves them in
 * every string value of the definition, once, as it reads it, and never later: not in stage variables, not in a
 * request, not in what a template renders.
 *
 * @param region    the region the function runs in, or null when none is known: then a definition that names
 *                  {@code ${AWS::Region}} or {@code ${AWS::Partition}} is refused
 * @param accountId the account the function runs in, or null when none is configured: then a definition that names
 *                  {@code ${AWS::AccountId}} is refused rather than given an account that is not the function's
 */
public record ImportVariables(String region, String accountId) {
    /** No region and no account: every AWS variable is refused at load, with the setting it needs. */
    public static final ImportVariables NONE = new ImportVariables(null, null);

    /** {@code ${AWS::Name}}; the name is checked against the three that exist. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{AWS::([A-Za-z]+)}");

    /**
     * The partition a region is in: {@code aws-cn} for {@code cn-*}, {@code aws-us-gov} for {@code us-gov-*}, the
     * isolated partitions for their regions, else {@code aws}; null without a region.
     */
    public String partition() {
        if (region == null) {
            return null;
        }
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("cn-")) {
            return "aws-cn";
        }
        if (r.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (r.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (r.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    /**
     * {@code text} with each {@code ${AWS::...}} variable replaced; a variable that does not exist, or whose value
     * is not known, is left as written and reported to {@code problems} (one line, without the owner).
     */
    String resolve(String text, Consumer<String> problems) {
        if (text.indexOf("${AWS::") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "Region" -> region;
                case "AccountId" -> accountId;
                case "Partition" -> partition();
                default -> {
                    problems.accept("${AWS::" + m.group(1) + "} is not an AWS variable for OpenAPI import "
                            + "(API Gateway resolves AWS::AccountId, AWS::Partition and AWS::Region)");
                    yield null;
                }
            };
            if (value == null && !isUnknown(m.group(1))) {
                problems.accept("${AWS::" + m.group(1) + "} cannot be resolved: "
                        + (m.group(1).equals("AccountId") ? "portico.account-id" : "portico.aws.region")
                        + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isUnknown(String name) {
        return !name.equals("Region") && !name.equals("AccountId") && !name.equals("Partition");
    }
}
