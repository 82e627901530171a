package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the packaged function.zip under the Lambda runtime: a route table requiring AWS_IAM, which this build does
 * not enforce, does not load, so its protected route is never served open (every caller gets the gateway's 500,
 * and the log names the route and the scheme); a Lambda TOKEN authorizer named in
 * {@code PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM} is left to what is in front: the route serves without a token,
 * and each such route is logged at start.
 */
class PackagedAccessControlIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String ROUTES =
            PROJECT.resolve("src/test/resources/routes/protected-token-authorizer.yaml").toString();
    private static final String SIGV4_ROUTES = PROJECT.resolve("src/test/resources/routes/protected-sigv4.yaml").toString();

    @Test
    void aTableWithAccessControlThisBuildDoesNotEnforceServesNothing() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PackagedFunction function = start(Map.of("PORTICO_ROUTES", SIGV4_ROUTES), logs)) {
            for (EventFormat format : EventFormat.values()) {
                for (String path : new String[] {"/orders", "/health"}) {
                    Answer answer = invoke(function, format, path);
                    assertEquals(500, answer.status(), format + " " + path + ": " + answer.bodyText());
                    assertFalse(answer.bodyText().contains("orders"), answer.bodyText());
                }
            }
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /orders: security scheme 'sigv4' is AWS_IAM authorization (SigV4-signed "
                + "requests), which this build of Portico does not enforce"), log);
    }

    @Test
    void namedAsEnforcedUpstreamItServesAndLogsEachProtectedRoute() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PackagedFunction function = start(Map.of("PORTICO_ROUTES", ROUTES,
                "PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM", "TokenAuth"), logs)) {
            for (EventFormat format : EventFormat.values()) {
                Answer orders = invoke(function, format, "/orders");
                assertEquals(200, orders.status(), format + ": " + orders.bodyText());
                assertEquals("{\"orders\": []}", orders.bodyText());
                assertEquals(200, invoke(function, format, "/health").status());
            }
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /orders: access control upstream: TokenAuth (a Lambda TOKEN authorizer); "
                + "Portico does not check it"), log);
        assertFalse(log.contains("GET /health: access control"), log);
    }

    private static PackagedFunction start(Map<String, String> env, ByteArrayOutputStream logs) throws Exception {
        return PackagedFunction.start(PackagedFunction.Config.forProject(PROJECT).withEnv(env).withLogs(logs));
    }

    private static Answer invoke(PackagedFunction function, EventFormat format, String path) throws Exception {
        ClientRequest request = new ClientRequest("GET", path, "",
                new HeaderList().add("Host", "api.example.com").add("Accept", "application/json"), null, "198.51.100.7");
        Result result = function.invoke(CallerEvents.build(format, request, "prod", "req-" + format.label()));
        assertFalse(result.isError(), result::payloadText);
        return AnswerDecoder.decode(result.payload(), format);
    }
}
