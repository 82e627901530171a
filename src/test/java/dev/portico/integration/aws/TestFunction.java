package dev.portico.integration.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda function behind the AWS and AWS_PROXY tests, run under the real Lambda Java runtime (RIC).
 * Proxy events: {@code ?answer=...} is returned verbatim (any shape, malformed ones too); paths ending
 * {@code /echo} return the event as the body, {@code /binary} a base64 PNG, {@code /throw} fail;
 * {@code .../sleep/MS} waits first.
 * Non-proxy events: {@code {"statusCode": "200"}} returns "Pass", "400"/"500" raise errors (as the recorded
 * selection-pattern cases do); anything else is echoed back.
 *
 * <p>A stream handler by signature rather than by {@code RequestStreamHandler}: Quarkus would otherwise find two
 * handlers in the test deployment.
 */
public final class TestFunction {
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] raw = input.readAllBytes();
        JsonNode event = JSON.readTree(raw);
        String answer = event.has("methodArn") ? authorizer(event)
                : event.has("requestContext") ? proxy(event, raw) : nonProxy(event, raw);
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Lambda authorizer: TOKEN events act on {@code authorizationToken}, REQUEST events on the {@code auth}
     * header, up to any {@code #} (what follows only makes the token new). {@code allow}/{@code deny} a statement on the method ARN; {@code wildcard} allows every GET under
     * {@code /pet?/} of any stage and denies {@code /pets/secret}; {@code notinvoke} allows only another action;
     * {@code unauthorized} and {@code throw} fail (the first as API Gateway's "Unauthorized"); {@code malformed}
     * answers no policy, {@code badcontext} an object in the context; {@code sleep:MS} waits, then allows;
     * {@code usage:KEY} allows with {@code usageIdentifierKey} KEY. Every
     * answer's context holds {@code calls}, this runtime's invocations so far, and, for REQUEST events, what the
     * event carried.
     */
    private static String authorizer(JsonNode event) {
        int calls = CALLS.incrementAndGet();
        boolean token = event.path("type").asText().equals("TOKEN");
        String given = token ? event.path("authorizationToken").asText() : event.path("headers").path("auth").asText();
        String what = given.contains("#") ? given.substring(0, given.indexOf('#')) : given;
        String arn = event.path("methodArn").asText();
        String stagePrefix = arn.substring(0, arn.indexOf('/'));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("principalId", "user-" + what);
        ObjectNode context = answer.putObject("context");
        context.put("calls", calls);
        if (!token) {
            context.put("type", event.path("type").asText());
            context.put("query", event.path("queryStringParameters").path("q").asText());
            context.put("pathId", event.path("pathParameters").path("id").asText());
            context.put("stageVariable", event.path("stageVariables").path("fn").asText());
            context.put("method", event.path("requestContext").path("httpMethod").asText());
            context.put("resource", event.path("resource").asText());
        }
        if (what.startsWith("usage:")) {
            // allows, and names the usage plan key (API key source AUTHORIZER)
            answer.put("usageIdentifierKey", what.substring("usage:".length()));
            what = "allow";
        }
        if (what.startsWith("sleep:")) {
            sleep(Long.parseLong(what.substring("sleep:".length())));
            what = "allow";
        }
        switch (what) {
            case "unauthorized" -> throw new RuntimeException("Unauthorized");
            case "throw" -> throw new IllegalStateException("the authorizer failed on purpose");
            case "malformed" -> {
                answer.remove("policyDocument");
                return answer.toString();
            }
            case "badcontext" -> context.putObject("nested").put("a", 1);
            case "context" -> {
                context.put("str", "value");
                context.put("num", 1);
                context.put("bool", true);
            }
            default -> { }
        }
        ObjectNode policy = answer.putObject("policyDocument");
        policy.put("Version", "2012-10-17");
        var statements = policy.putArray("Statement");
        switch (what) {
            case "deny" -> statement(statements, "Deny", "execute-api:Invoke", arn);
            case "wildcard" -> {
                statement(statements, "Allow", "execute-api:*", stagePrefix + "/*/GET/pet?/*");
                statement(statements, "Deny", "execute-api:Invoke", stagePrefix + "/*/GET/pets/secret");
            }
            case "notinvoke" -> statement(statements, "Allow", "execute-api:ManageConnections", arn);
            default -> statement(statements, "Allow", "execute-api:Invoke", arn);
        }
        return answer.toString();
    }

    private static void statement(com.fasterxml.jackson.databind.node.ArrayNode statements, String effect,
                                  String action, String resource) {
        ObjectNode statement = statements.addObject();
        statement.put("Action", action);
        statement.put("Effect", effect);
        statement.putArray("Resource").add(resource);
    }

    private static String proxy(JsonNode event, byte[] raw) throws IOException {
        JsonNode answer = event.path("queryStringParameters").path("answer");
        if (answer.isTextual()) {
            return answer.asText();
        }
        String path = event.has("rawPath") ? event.get("rawPath").asText() : event.path("path").asText();
        int sleep = path.indexOf("/sleep/");
        if (sleep >= 0) {
            sleep(Long.parseLong(path.substring(sleep + "/sleep/".length())));
            return "{\"statusCode\":200,\"body\":\"awake\"}";
        }
        ObjectNode response = JSON.createObjectNode();
        switch (path.substring(path.lastIndexOf('/'))) {
            case "/echo" -> {
                response.put("statusCode", 200);
                response.put("body", new String(raw, StandardCharsets.UTF_8));
            }
            case "/binary" -> {
                response.put("statusCode", 200);
                response.putObject("headers").put("Content-Type", "image/png");
                response.put("body", PNG_BASE64);
                response.put("isBase64Encoded", true);
            }
            case "/throw" -> throw new IllegalStateException("the function failed on purpose");
            default -> {
                response.put("statusCode", 201);
                response.putObject("headers").put("X-Test", "yes");
                response.putObject("multiValueHeaders").putArray("Set-Cookie").add("a=1").add("b=2");
                response.put("body", "hello from " + path);
            }
        }
        return JSON.writeValueAsString(response);
    }

    private static String nonProxy(JsonNode event, byte[] raw) {
        String status = event.path("statusCode").isTextual() ? event.get("statusCode").asText() : "";
        return switch (status) {
            case "200" -> "\"Pass\"";
            case "400" -> throw new RuntimeException("Error: Raising four hundred from within the Lambda function");
            case "500" -> throw new RuntimeException("Error: Raising five hundred from within the Lambda function");
            default -> {
                if (event.has("sleep")) sleep(event.get("sleep").asLong());
                yield new String(raw, StandardCharsets.UTF_8);
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
