package dev.portico.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the packaged target/function.zip under the real Lambda Java runtime (RIC), once for the
 * whole class, and invokes it with the events in events/. Runs in the integration-test phase,
 * after package: {@code ./mvnw verify}.
 */
class PackagedFunctionIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path EVENTS = PROJECT.resolve("events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedFunction function;

    @BeforeAll
    static void startFunction() throws IOException {
        PackagedFunction.Config config = PackagedFunction.Config.forProject(PROJECT);
        assertTrue(Files.isRegularFile(config.zip()),
                config.zip() + " is missing: this test runs after `package`, e.g. ./mvnw verify");
        function = PackagedFunction.start(config);
    }

    @AfterAll
    static void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    /** Invokes the function with {@code events/<eventFile>} and returns its answer, which must be JSON. */
    static JsonNode answer(String eventFile) throws IOException {
        Result result = function.invoke(Files.readAllBytes(EVENTS.resolve(eventFile)));
        assertFalse(result.isError(), () -> eventFile + " failed with " + result.errorType() + ": " + result.payloadText());
        try {
            return JSON.readTree(result.payload());
        } catch (JsonProcessingException e) {
            return fail(eventFile + " answered with invalid JSON: " + result.payloadText(), e);
        }
    }

    /** What each file in events/ must get back from the bundled example API; every event file needs one. */
    private static final Map<String, Consumer<JsonNode>> EXPECTED = Map.of(
            "alb-get-hello.json", answer -> {
                assertAlbShape(answer, "headers");
                assertEquals(200, answer.get("statusCode").asInt());
                assertEquals("no-store", answer.at("/headers/Cache-Control").asText());
                // API Gateway's own headers on every answer, through the package too
                assertTrue(answer.at("/headers/x-amzn-RequestId").asText().matches("[0-9a-f-]{36}"), answer::toString);
                assertTrue(answer.at("/headers/x-amz-apigw-id").asText().matches("[A-Za-z0-9+/]{15}="), answer::toString);
                assertTrue(answer.at("/headers/X-Amzn-Trace-Id").isMissingNode(), "no trace on a MOCK answer");
                assertEquals("{\"message\": \"Hello, Ada Lovelace!\", \"stage\": \"prod\", \"path\": \"/hello\"}",
                        answer.get("body").asText());
            },
            "alb-multivalue-get-pet.json", answer -> {
                assertAlbShape(answer, "multiValueHeaders");
                assertEquals(200, answer.get("statusCode").asInt());
                assertEquals("application/json", answer.at("/multiValueHeaders/Content-Type/0").asText());
                assertEquals("{\"id\": 7, \"name\": \"Pet 7\", \"type\": \"dog\"}", answer.get("body").asText());
            },
            "alb-get-unknown-route.json", answer -> {
                assertAlbShape(answer, "headers");
                assertEquals(403, answer.get("statusCode").asInt());
                assertEquals("MissingAuthenticationTokenException", answer.at("/headers/x-amzn-ErrorType").asText());
                assertEquals("{\"message\":\"Missing Authentication Token\"}", answer.get("body").asText());
            },
            "alb-healthcheck.json", answer -> {
                assertAlbShape(answer, "headers");
                assertEquals(200, answer.get("statusCode").asInt());
            },
            "apigw-v1-post-pets.json", answer -> {
                assertEquals(201, answer.get("statusCode").asInt());
                assertFalse(answer.has("statusDescription"), "API Gateway refuses unknown keys");
                assertEquals("/pets/1", answer.at("/multiValueHeaders/Location/0").asText());
                assertEquals("{\"created\": true}", answer.get("body").asText());
            },
            "httpapi-v2-get-hello.json", answer -> {
                assertEquals(200, answer.get("statusCode").asInt());
                assertFalse(answer.has("multiValueHeaders"));
                assertEquals("{\"message\": \"Hello, Grace!\", \"stage\": \"prod\", \"path\": \"/hello\"}",
                        answer.get("body").asText());
            },
            "funcurl-options-hello.json", answer -> {
                assertEquals(200, answer.get("statusCode").asInt());
                assertEquals("*", answer.at("/headers/Access-Control-Allow-Origin").asText());
                assertEquals("GET,OPTIONS", answer.at("/headers/Access-Control-Allow-Methods").asText());
            });

    /** FORMAT.md's checks for an ALB answer: int status, "200 OK" description, one header style, no nulls. */
    private static void assertAlbShape(JsonNode answer, String headerStyle) {
        assertTrue(answer.get("statusCode").isInt());
        String description = answer.get("statusDescription").asText();
        assertTrue(description.matches("\\d{3} \\S.*") && description.startsWith(answer.get("statusCode").asText()),
                description);
        assertTrue(answer.get("isBase64Encoded").isBoolean());
        assertTrue(answer.has(headerStyle));
        assertFalse(answer.has(headerStyle.equals("headers") ? "multiValueHeaders" : "headers"));
        answer.fields().forEachRemaining(field -> assertFalse(field.getValue().isNull(), field.getKey() + " is null"));
    }

    @TestFactory
    Stream<DynamicTest> everyEventGetsItsAnswer() throws IOException {
        List<String> eventFiles;
        try (Stream<Path> files = Files.list(EVENTS)) {
            eventFiles = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
        assertFalse(eventFiles.isEmpty(), "no *.json events in " + EVENTS);
        return eventFiles.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Consumer<JsonNode> expectation = EXPECTED.get(name);
            assertNotNull(expectation, "events/" + name + " has no expected answer in " + PackagedFunctionIT.class.getSimpleName());
            expectation.accept(answer(name));
        }));
    }

    /**
     * The runtime process is a Java of the runtime's release wherever this machine has one (it has when the build
     * runs on one, as ./mvnw picks a JDK 25 first), and it is the Java that runs.
     */
    @Test
    void theFunctionRunsOnTheRuntimesJava() throws IOException {
        if (function.isNative()) {
            // -Dportico.packaged=native: provided.al2023 runs the zip's bootstrap itself, no Java at all.
            assertTrue(PackagedFunction.nativeSelected(), "a native zip runs only when selected");
            function.processCommand().ifPresent(command -> assertTrue(command.endsWith("/bootstrap"), command));
            assertNotNull(answer("alb-healthcheck.json"));
            return;
        }
        Path home = function.javaHome();
        if (Runtime.version().feature() == PackagedFunction.RUNTIME_JAVA) {
            assertEquals(PackagedFunction.RUNTIME_JAVA, PackagedFunction.javaFeature(home), home.toString());
        }
        function.processCommand().ifPresent(command -> {
            try {
                assertEquals(home.resolve("bin/java").toRealPath(), Path.of(command).toRealPath());
            } catch (IOException e) {
                fail(e);
            }
        });
        assertNotNull(answer("alb-healthcheck.json"));
    }
}
