package dev.portico.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.local.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the packaged target/function.zip under the real Lambda Java runtime (RIC), once for the
 * whole class, and invokes it with the events in events/. Runs in the integration-test phase,
 * after package: {@code ./mvnw verify -DskipITs=false}.
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
                config.zip() + " is missing: this test runs after `package`, e.g. ./mvnw verify -DskipITs=false");
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

    @TestFactory
    Stream<DynamicTest> everyEventGetsAJsonAnswer() throws IOException {
        List<String> eventFiles;
        try (Stream<Path> files = Files.list(EVENTS)) {
            eventFiles = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
        assertFalse(eventFiles.isEmpty(), "no *.json events in " + EVENTS);
        return eventFiles.stream().map(name -> DynamicTest.dynamicTest(name, () -> assertNotNull(answer(name))));
    }
}
