package dev.portico.observability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An access log format in API Gateway's own language: text with {@code $context.x} variables, substituted and
 * nothing else (no VTL: no directives, no method calls, no {@code $input}). Compiled once, at start; a variable
 * API Gateway does not document for access logging fails the compile, named, and so does a format with neither
 * {@code $context.requestId} nor {@code $context.extendedRequestId}, which API Gateway refuses too.
 *
 * <p>The presets are the four examples of "Access logging for REST APIs" (API Gateway developer guide,
 * set-up-access-logging, "Access log formats": CLF, JSON, XML, CSV), character for character, by name.
 *
 * <p>Values are written as API Gateway writes them: an empty or unknown value is {@code -}. Unlike API Gateway,
 * which copies values as they are, each value is made safe for one line: at most {@link #MAX_VALUE_CHARS}
 * characters (then {@code ...}), and {@code "}, {@code \} and control characters (CR, LF, tab...) escaped as in
 * JSON, so a hostile header can neither grow a line without bound nor split it, nor break a JSON format out of
 * its string.
 */
public final class AccessLogFormat {
    /** The longest value written, in characters; a longer one is cut and ends in {@code ...}. */
    public static final int MAX_VALUE_CHARS = 1024;

    /** API Gateway's example formats, by the names its console gives them. */
    public static final Map<String, String> PRESETS = Map.of(
            "CLF", "$context.identity.sourceIp $context.identity.caller $context.identity.user"
                    + " [$context.requestTime]\"$context.httpMethod $context.resourcePath $context.protocol\""
                    + " $context.status $context.responseLength $context.requestId $context.extendedRequestId",
            "JSON", "{ \"requestId\":\"$context.requestId\", \"extendedRequestId\":\"$context.extendedRequestId\","
                    + "\"ip\": \"$context.identity.sourceIp\", \"caller\":\"$context.identity.caller\","
                    + " \"user\":\"$context.identity.user\", \"requestTime\":\"$context.requestTime\","
                    + " \"httpMethod\":\"$context.httpMethod\", \"resourcePath\":\"$context.resourcePath\","
                    + " \"status\":\"$context.status\", \"protocol\":\"$context.protocol\","
                    + " \"responseLength\":\"$context.responseLength\" }",
            "XML", "<request id=\"$context.requestId\"> <extendedRequestId>$context.extendedRequestId</extendedRequestId>"
                    + " <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller>"
                    + " <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime>"
                    + " <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath>"
                    + " <status>$context.status</status> <protocol>$context.protocol</protocol>"
                    + " <responseLength>$context.responseLength</responseLength> </request>",
            "CSV", "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,"
                    + "$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,"
                    + "$context.responseLength,$context.requestId,$context.extendedRequestId");

    /**
     * The variables API Gateway documents for access logs of REST APIs ("Variables for access logging for API
     * Gateway", and the {@code $context} variables of "Variables for data transformations" that access logs take),
     * without the {@code $context.} prefix. Those Portico has no value for (authorizers, WAF, client certificates,
     * API keys: nothing of which this build enforces) are accepted and written as {@code -}.
     */
    static final Set<String> VARIABLES = Set.of(
            "accountId", "apiId", "awsEndpointRequestId", "customDomain.basePathMatched", "deploymentId",
            "domainName", "domainPrefix", "endpointType", "error.message", "error.messageString",
            "error.responseType", "error.validationErrorString", "extendedRequestId", "httpMethod",
            "identity.accountId", "identity.apiKey", "identity.apiKeyId", "identity.caller",
            "identity.cognitoAuthenticationProvider", "identity.cognitoAuthenticationType",
            "identity.cognitoIdentityId", "identity.cognitoIdentityPoolId", "identity.principalOrgId",
            "identity.clientCert.clientCertPem", "identity.clientCert.subjectDN", "identity.clientCert.issuerDN",
            "identity.clientCert.serialNumber", "identity.clientCert.validity.notBefore",
            "identity.clientCert.validity.notAfter", "identity.sourceIp", "identity.user", "identity.userAgent",
            "identity.userArn", "identity.vpcId", "identity.vpceId", "isCanaryRequest", "path", "protocol",
            "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage",
            "wafResponseCode", "webaclArn", "xrayTraceId",
            // access logging only
            "authorize.error", "authorize.latency", "authorize.status", "authorizer.error",
            "authorizer.integrationLatency", "authorizer.integrationStatus", "authorizer.latency",
            "authorizer.requestId", "authorizer.status", "authorizer.principalId", "authenticate.error",
            "authenticate.latency", "authenticate.status", "integration.error", "integration.integrationStatus",
            "integration.latency", "integration.requestId", "integration.status", "integrationErrorMessage",
            "integrationLatency", "integrationStatus", "responseLatency", "responseLength", "status", "waf.error",
            "waf.latency", "waf.status");

    /** Families of variables named by the API's own keys: {@code $context.authorizer.claims.sub}, ... */
    private static final List<String> FAMILIES = List.of("authorizer.claims.", "authorizer.");

    private static final String PREFIX = "$context.";

    private final String source;
    /** Literal text and variable names, alternating: even indexes literal, odd indexes a variable. */
    private final String[] parts;

    private AccessLogFormat(String source, String[] parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Compiles a format, or a preset by name ({@code CLF}, {@code JSON}, {@code XML}, {@code CSV}, in any case).
     *
     * @throws IllegalArgumentException naming the variable Portico does not know, or when neither request id is in
     *                                  the format
     */
    public static AccessLogFormat compile(String format) {
        String preset = PRESETS.get(format.strip().toUpperCase(Locale.ROOT));
        String text = preset != null ? preset : format;
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an access log format is one line; this one holds a line break");
        }
        List<String> parts = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int at = text.indexOf(PREFIX, i);
            if (at < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, at);
            int end = at + PREFIX.length();
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            while (end > at + PREFIX.length() && text.charAt(end - 1) == '.') {
                end--; // a sentence's full stop, not part of the name
            }
            String name = text.substring(at + PREFIX.length(), end);
            if (name.isEmpty()) {
                literal.append(PREFIX);
            } else {
                if (!known(name)) {
                    unknown.add(PREFIX + name);
                }
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add(name);
            }
            i = end;
        }
        parts.add(literal.toString());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("portico.access-log.format: " + String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is not a variable" : " are not variables")
                    + " of API Gateway's access logs");
        }
        if (!parts.contains("requestId") && !parts.contains("extendedRequestId")) {
            throw new IllegalArgumentException("portico.access-log.format must include $context.requestId or"
                    + " $context.extendedRequestId, as API Gateway requires");
        }
        return new AccessLogFormat(text, parts.toArray(String[]::new));
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_';
    }

    private static boolean known(String name) {
        if (VARIABLES.contains(name)) {
            return true;
        }
        for (String family : FAMILIES) {
            if (name.startsWith(family) && name.length() > family.length()) {
                return true;
            }
        }
        return false;
    }

    /** The format as written, presets expanded. */
    public String source() {
        return source;
    }

    /** The variables the format names, without {@code $context.}, in order of first use. */
    public List<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.length; i += 2) {
            names.add(parts[i]);
        }
        return List.copyOf(names);
    }

    /**
     * One line: each variable replaced by {@code values.apply(name)}, {@code -} when that is null or empty, capped
     * and escaped (see the class comment).
     */
    public String render(Function<String, String> values) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < parts.length; i++) {
            if ((i & 1) == 0) {
                line.append(parts[i]);
            } else if (parts[i].equals("error.messageString")) {
                // the message as a JSON string, quotes and all, as API Gateway means it: {"message":$context.error.messageString}
                String message = values.apply("error.message");
                if (message == null || message.isEmpty()) {
                    line.append('-');
                } else {
                    line.append('"');
                    appendValue(line, message);
                    line.append('"');
                }
            } else {
                appendValue(line, values.apply(parts[i]));
            }
        }
        return line.toString();
    }

    static void appendValue(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        int length = Math.min(value.length(), MAX_VALUE_CHARS);
        if (length < value.length() && Character.isHighSurrogate(value.charAt(length - 1))) {
            length--; // never half a character
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        if (value.length() > MAX_VALUE_CHARS) {
            line.append("...");
        }
    }
}
