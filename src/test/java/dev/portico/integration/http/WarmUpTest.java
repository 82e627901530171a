package dev.portico.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.Headers;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client takes its Vert.x instance only when first used, and warming it up leaves it ready for real calls. */
class WarmUpTest {

    @Test
    void theVertxInstanceIsTakenAtFirstUseThenWarmUpAnswersAndRealCallsFollow() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicInteger lookups = new AtomicInteger();
        try (VertxBackendClient client = new VertxBackendClient(() -> {
            lookups.incrementAndGet();
            return vertx;
        }); TestBackend backend = new TestBackend()) {
            assertEquals(0, lookups.get(), "made with the client");
            assertTrue(client.warmUp(), "the warm-up exchange with its own local server was answered");
            assertEquals(1, lookups.get());
            BackendResponse answer = client.send(new BackendRequest("GET",
                    BackendUri.of(backend.url() + "/after", Map.of(), Map.of(), Set.of(), List.of()),
                    new Headers().freeze(), new byte[0], 2000, false));
            assertEquals(200, answer.status());
            assertEquals("ok", new String(answer.body()));
            assertEquals("/after", backend.received().get(0).rawPath());
            assertTrue(client.warmUp(), "a second warm-up on the ready pools");
            assertEquals(1, lookups.get(), "looked up once");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
