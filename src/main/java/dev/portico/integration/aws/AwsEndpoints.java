package dev.portico.integration.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each service is called: {@code https://{service}.{region}.amazonaws.com} with the usual exceptions,
 * or the override configured for the service ({@code portico.aws.endpoint-override.<service>}).
 */
public final class AwsEndpoints {
    private final Map<String, String> overrides = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public AwsEndpoints(Map<String, String> overrides) {
        overrides.forEach((service, url) -> this.overrides.put(service, stripSlash(url)));
    }

    public boolean isOverridden(String service) {
        return overrides.containsKey(service);
    }

    /** The base URL without a trailing slash; {@code subdomain} (an S3 bucket, say) prefixes the AWS host. */
    public URI endpoint(String service, String region, String subdomain) {
        String override = overrides.get(service);
        if (override != null) {
            return URI.create(override);
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        String host = switch (service.toLowerCase(Locale.ROOT)) {
            case "iam" -> region.startsWith("cn-") ? "iam.cn-north-1." + suffix : "iam." + suffix;
            case "s3" -> region.equals("us-east-1") ? "s3." + suffix : "s3." + region + "." + suffix;
            default -> service + "." + region + "." + suffix;
        };
        return URI.create("https://" + (subdomain == null ? "" : subdomain + ".") + host);
    }

    /** The SigV4 signing name; the same as the URI's service name except where AWS says otherwise. */
    public static String signingName(String service) {
        return switch (service) {
            case "email" -> "ses";
            case "runtime.sagemaker" -> "sagemaker";
            default -> service;
        };
    }

    /** The signing region: IAM is signed for us-east-1 whatever the call's region. */
    public static String signingRegion(String service, String region) {
        return service.equals("iam") && !region.startsWith("cn-") ? "us-east-1" : region;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
