package dev.portico.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.MappingSource;
import dev.portico.route.source.RouteTableUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ApiRouter#live}: a router rebuilt for each new version of the mappings, the last good one kept. */
class LiveApiRouterTest {
    private static final RouteTable TABLE = RouteTables.loader().load("t.yaml", """
            openapi: 3.0.1
            paths:
              /{id}:
                get:
                  x-amazon-apigateway-integration: {type: mock, responses: {default: {statusCode: '200'}}}
            """.getBytes(StandardCharsets.UTF_8));
    private static final PorticoSettings SETTINGS = PorticoSettings.defaults();

    private final AtomicReference<Object> current = new AtomicReference<>();
    private final AtomicInteger builds = new AtomicInteger();

    private ApiRouter router() {
        return ApiRouter.live(() -> {
            Object value = current.get();
            if (value instanceof RuntimeException e) {
                throw e;
            }
            return (MappingSource.Snapshot) value;
        }, mappings -> {
            builds.incrementAndGet();
            if (mappings.stream().anyMatch(m -> m.api().equals("explodes"))) {
                throw new IllegalStateException("cannot build");
            }
            List<ApiRouter.Api> apis = new ArrayList<>();
            mappings.forEach(m -> apis.add(new ApiRouter.Api(m.api(), () -> TABLE, SETTINGS.withStage(m.stage()))));
            return ApiRouter.mapped(mappings, apis);
        }, SETTINGS);
    }

    private static MappingSource.Snapshot snapshot(String version, String... basePaths) {
        List<ApiMapping> mappings = new ArrayList<>();
        for (String base : basePaths) {
            mappings.add(ApiMapping.of("*", base, base.isEmpty() ? "root" : base.replace("/", ""), "prod"));
        }
        return new MappingSource.Snapshot(version, mappings);
    }

    private static IncomingRequest get(String path) {
        return new IncomingRequest(CallerFormat.ALB, "GET", path, Map.of(), Headers.empty(), new byte[0], false,
                "203.0.113.1", "r", 0L, "h.example.com");
    }

    @Test
    void eachNewVersionIsBuiltOnceAndAFailedBuildKeepsTheRouterBefore() {
        current.set(snapshot("1", "/orders"));
        ApiRouter router = router();
        assertEquals(1, builds.get(), "built at start");
        assertEquals("orders", router.select(get("/orders/1")).api().name());
        assertEquals("/1", router.select(get("/orders/1")).request().path());
        assertEquals(1, builds.get(), "an unchanged version is not built again");

        current.set(snapshot("2", "/orders", "/admin"));
        assertEquals("admin", router.select(get("/admin/1")).api().name());
        assertEquals(2, builds.get());

        current.set(snapshot("3", "/explodes"));
        assertEquals("admin", router.select(get("/admin/1")).api().name(), "version 2 keeps serving");
        assertNull(router.select(get("/explodes/1")));
        router.select(get("/admin/1"));
        assertEquals(3, builds.get(), "a version that failed is not tried on every request");
        assertTrue(router.anyServing());
    }

    @Test
    void noMappingsTakeNoRequestAndUnreadableMappingsAnswerWithoutATable() {
        current.set(snapshot("0"));
        ApiRouter empty = router();
        assertNull(empty.select(get("/orders/1")), "403: no mapping takes it");
        assertFalse(empty.anyServing());
        assertEquals(List.of(), empty.apis());

        current.set(new RouteTableUnavailableException("no API mappings could be read", null));
        ApiRouter unreadable = router();
        ApiRouter.Selection selection = unreadable.select(get("/orders/1"));
        RouteTableUnavailableException thrown = assertThrows(RouteTableUnavailableException.class,
                () -> selection.api().routes().get());
        assertEquals("no API mappings could be read", thrown.getMessage());
        assertFalse(unreadable.anyServing());

        current.set(snapshot("1", "/orders"));
        assertEquals("orders", unreadable.select(get("/orders/1")).api().name(), "served once they can be read");
    }

    @Test
    void aHostsMappingsAreFoundByFirstSegmentAndTheRootMappingTakesTheRest() {
        current.set(snapshot("1", "", "/orders", "/orders/beta", "/ordersx"));
        ApiRouter router = router();
        assertEquals("ordersbeta", router.select(get("/orders/beta/1")).api().name());
        assertEquals("orders", router.select(get("/orders/betas")).api().name(), "whole segments only");
        assertEquals("ordersx", router.select(get("/ordersx/1")).api().name());
        assertEquals("root", router.select(get("/other/1")).api().name());
        assertEquals("root", router.select(get("/")).api().name());
        assertEquals("orders", router.select(get("/orders")).api().name());
        assertEquals("/", router.select(get("/orders")).request().path());
    }
}
