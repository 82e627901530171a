package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.gateway.ApiRouter;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiMapping;
import dev.portico.route.Route;
import dev.portico.route.source.LiveRouteTable;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PORTICO_API_MAPPINGS} and {@code PORTICO_APIS_*} from the environment, as the function reads them. */
class ApiMappingsConfigTest {
    @TempDir
    Path dir;

    static final String MOCK = "x-amazon-apigateway-integration: {type: mock, requestTemplates: "
            + "{application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}";

    private static PorticoConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(PorticoConfig.class)
                .build()
                .getConfigMapping(PorticoConfig.class);
    }

    private Path export(String name, String basePath, String path) throws Exception {
        return Files.writeString(dir.resolve(name), "swagger: '2.0'\ninfo: {title: " + name + ", version: '1'}\n"
                + "basePath: " + basePath + "\npaths:\n  " + path + ":\n    get:\n      " + MOCK + "\n");
    }

    private ApiRouter router(Map<String, String> environment) {
        PorticoConfig config = config(environment);
        return Configuration.router(config, Configuration.settings(config),
                source -> new LiveRouteTable(source, Duration.ofSeconds(30)));
    }

    @Test
    void twoApisAndTwoStagesFromTheEnvironment() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PORTICO_API_MAPPINGS", "api.example.com/orders -> orders, prod; api.example.com/orders/beta -> orders, beta\n"
                        + "* -> admin, test",
                "PORTICO_APIS_ORDERS_FILE", export("orders.yaml", "/v1", "/{id}").toString(),
                "PORTICO_APIS_ORDERS_BASEPATH", "prepend",
                "PORTICO_APIS_ORDERS_STAGE_VARIABLES_BETA_COLOR", "green",
                "PORTICO_APIS_ADMIN_FILE", export("admin.yaml", "/test", "/users").toString(),
                "PORTICO_APIS_ADMIN_API_ID", "a1b2c3"));
        environment.put("PORTICO_APIS_ADMIN_BASEPATH", "split");
        ApiRouter router = router(environment);

        assertTrue(router.isMapped());
        Map<String, ApiRouter.Api> byStage = new HashMap<>();
        router.apis().forEach(api -> byStage.put(api.name() + "/" + api.settings().stage(), api));
        assertEquals(List.of("admin/test", "orders/beta", "orders/prod"), byStage.keySet().stream().sorted().toList());
        assertEquals(Map.of("color", "green"), byStage.get("orders/beta").settings().stageVariables());
        assertEquals(Map.of(), byStage.get("orders/prod").settings().stageVariables());
        assertEquals("orders", byStage.get("orders/prod").settings().apiId());
        assertEquals("a1b2c3", byStage.get("admin/test").settings().apiId());
        assertEquals(List.of("GET /v1/{id}"), routes(byStage.get("orders/prod")), "prepend");
        assertEquals(List.of("GET /users"), routes(byStage.get("admin/test")), "split drops the stage");
        assertTrue(byStage.get("orders/prod").routes() == byStage.get("orders/beta").routes(),
                "two stages of one API share its one live table");
    }

    private static List<String> routes(ApiRouter.Api api) {
        return api.routes().get().routes().stream().map(Route::name).toList();
    }

    @Test
    void withoutMappingsOneApiAtTheRootAsBefore() throws Exception {
        ApiRouter router = router(Map.of("PORTICO_ROUTES", export("one.yaml", "/a/b", "/x").toString(),
                "PORTICO_ROUTES_BASEPATH", "split"));
        assertFalse(router.isMapped());
        assertEquals(List.of("GET /b/x"), routes(router.apis().get(0)));
        assertEquals(PorticoSettings.DEFAULT_STAGE, router.apis().get(0).settings().stage());
    }

    @Test
    void everyWrongMappingAndApiIsNamedAtStart() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router(Map.of(
                "PORTICO_API_MAPPINGS", "api.example.com/orders -> orders, prod; api.example.com/x -> nowhere, prod",
                "PORTICO_APIS_ORDERS_FILE", export("orders.yaml", "/", "/a").toString(),
                "PORTICO_APIS_ORDERS_BASEPATH", "strip",
                "PORTICO_APIS_ORDERS_STAGE_VARIABLES_DEV_X", "1",
                "PORTICO_APIS_SPARE_FILE", "spare.yaml")));
        assertEquals("""
                Invalid API mappings:
                'api.example.com/x -> nowhere, prod': no API 'nowhere' (portico.apis.nowhere.file or .source)
                portico.apis.orders.stage-variables.dev: no mapping serves stage 'dev' of API 'orders'
                portico.apis.orders.basepath: basepath mode 'strip' is none of ignore, prepend, split
                portico.apis.spare: no mapping names API 'spare'""", e.getMessage());
    }

    @Test
    void aBadMappingIsNamedWithItsProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router(Map.of(
                "PORTICO_API_MAPPINGS", "api.example.com/or ders -> orders, prod; api.example.com -> orders;"
                        + "bad_host/x -> a, b; " + "h".repeat(10_000) + " -> a, b; a.com/x -> a, b; A.com/x/ -> c, d")));
        String message = e.getMessage();
        assertTrue(message.startsWith("Invalid API mappings in portico.api-mappings:\n"), message);
        assertTrue(message.contains("'api.example.com/or ders -> orders, prod': base path segment 'or ders' has a "
                + "character API Gateway does not allow"), message);
        assertTrue(message.contains("'api.example.com -> orders': not HOST[/BASE/PATH] -> API, STAGE: name one API "
                + "and one stage"), message);
        assertTrue(message.contains("'bad_host/x -> a, b': host 'bad_host' is neither a host name nor *"), message);
        assertTrue(message.contains("'A.com/x/ -> c, d': the same host and base path as 'a.com/x -> a, b'"), message);
        assertTrue(message.length() < 1_000, "a 10 KB host is abbreviated: " + message.length());
    }

    @Test
    void mappingsNormaliseAndRefuseOddBasePaths() {
        assertEquals(new ApiMapping("api.example.com", "/a/b", "x", "prod"),
                ApiMapping.parse("API.example.com//a//b/ -> x , prod", "t").get(0));
        assertEquals(new ApiMapping("*", "", "x", "prod"), ApiMapping.parse("*/ -> x, prod", "t").get(0));
        for (String bad : List.of("h/a/../b -> x, p", "h/{id} -> x, p", "h/" + "a".repeat(301) + " -> x, p",
                "h/a%2Fb -> x, p", "h/x -> , p", "h/x -> x, p q")) {
            assertThrows(IllegalArgumentException.class, () -> ApiMapping.parse(bad, "t"), bad);
        }
        assertEquals("Invalid API mappings in t: no mapping",
                assertThrows(IllegalArgumentException.class, () -> ApiMapping.parse(" ; \n", "t")).getMessage());
    }

    @Test
    void aHostileRequestHostMatchesNothing() {
        assertEquals("", ApiMapping.requestHost("h".repeat(10_000)));
        assertEquals("api.example.com", ApiMapping.requestHost("API.Example.com:8443"));
        assertEquals("[::1]", ApiMapping.requestHost("[::1]:443"));
    }
}
