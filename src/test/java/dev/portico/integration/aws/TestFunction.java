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

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] raw = input.readAllBytes();
        JsonNode event = JSON.readTree(raw);
        String answer = event.has("requestContext") ? proxy(event, raw) : nonProxy(event, raw);
        output.write(answer.getBytes(StandardCharsets.UTF_8));
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
