package dev.portico.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** $context made entry by entry must be the map made up front: same entries, same iteration order, same writes. */
class LazyContextTest {
    private static final IncomingRequest REQUEST = new IncomingRequest(CallerFormat.REST_V1, "GET", "/things",
            Map.of(), new Headers().add("User-Agent", "curl/8").freeze(), new byte[0], false, "198.51.100.7",
            "req-1", 1_700_000_000_000L, "abc.execute-api.example.com");
    private static final Trace TRACE = Trace.of("Root=1-6745e1a0-0123456789abcdef01234567");

    private static Map<String, Object> lazy() {
        return ContextVariables.of(REQUEST, null, PorticoSettings.defaults(), TRACE);
    }

    /** The map as it was built before: every entry put up front, in order, into a HashMap of 48. */
    private static Map<String, Object> eager() {
        Map<String, Object> context = new HashMap<>(48);
        for (String name : ContextVariables.NAMES) {
            context.put(name, ContextVariables.entry(name, REQUEST, null, PorticoSettings.defaults(), () -> TRACE, null));
        }
        return context;
    }

    @Test
    void entriesAndOrderAreThoseOfTheMapMadeUpFront() {
        Map<String, Object> eager = eager();
        Map<String, Object> lazy = lazy();
        assertEquals("/" + PorticoSettings.defaults().stage() + "/things", lazy.get("path"));
        assertEquals(new ArrayList<>(eager.keySet()), new ArrayList<>(lazy.keySet()));
        assertEquals(eager, lazy);
        assertEquals(eager.toString(), lazy.toString());
        assertEquals(eager.hashCode(), lazy.hashCode());
        assertEquals(eager.size(), lazy.size());
    }

    @Test
    void writesBeforeTheMapIsCompleteKeepTheirPlaceAndValue() {
        Map<String, Object> eager = eager();
        Map<String, Object> lazy = lazy();
        for (Map<String, Object> context : List.of(eager, lazy)) {
            context.put("authorizer", Map.of("principalId", "me"));
            assertEquals("req-1", context.put("requestId", "changed"));
            context.put("zz-extra", 1);
        }
        assertEquals(new ArrayList<>(eager.entrySet()), new ArrayList<>(lazy.entrySet()));
        assertEquals(eager.remove("stage"), lazy.remove("stage"));
        assertEquals(new ArrayList<>(eager.keySet()), new ArrayList<>(lazy.keySet()));
    }

    @Test
    void anEntryIsMadeOnceAndOnlyWhenRead() {
        Map<String, Object> lazy = lazy();
        assertNull(ContextVariables.ifBuilt(lazy, "requestOverride"), "not read yet");
        assertTrue(lazy.containsKey("requestOverride"));
        assertFalse(lazy.containsKey("nothing"));
        assertNull(lazy.get("nothing"));
        assertEquals("fallback", lazy.getOrDefault("nothing", "fallback"));
        Object overrides = lazy.get("requestOverride");
        assertSame(overrides, lazy.get("requestOverride"));
        assertSame(overrides, ContextVariables.ifBuilt(lazy, "requestOverride"));
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) lazy.get("identity");
        identity.put("apiKey", "k");
        assertEquals("k", ((Map<?, ?>) ContextVariables.ifBuilt(lazy, "identity")).get("apiKey"));
        assertEquals("curl/8", identity.get("userAgent"));
        assertEquals(ContextVariables.extendedRequestId("req-1"), lazy.get("extendedRequestId"));
        // a plain map answers ifBuilt as get
        assertEquals("v", ContextVariables.ifBuilt(new HashMap<>(Map.of("k", "v")), "k"));
    }
}
