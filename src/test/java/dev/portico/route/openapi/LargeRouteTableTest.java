package dev.portico.route.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A generated 10,000-route table loads and matches; no timing is asserted. */
class LargeRouteTableTest {

    @Test
    void tenThousandRoutes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document = mapper.createObjectNode().put("openapi", "3.0.1");
        ObjectNode paths = document.putObject("paths");
        for (int i = 0; i < 2_500; i++) {
            ObjectNode integration = mapper.createObjectNode().put("type", "mock");
            paths.putObject("/service" + i + "/items").set("get", operation(mapper, integration));
            ObjectNode item = paths.putObject("/service" + i + "/items/{id}");
            item.set("get", operation(mapper, integration));
            item.set("delete", operation(mapper, integration));
            paths.putObject("/service" + i + "/{proxy+}").set("x-amazon-apigateway-any-method",
                    operation(mapper, integration));
        }

        RouteTable table = new RouteTableLoader(TestTemplates.COMPILER).load("generated", mapper.writeValueAsBytes(document));

        assertEquals(10_000, table.routes().size());
        for (int i = 0; i < 2_500; i += 499) {
            assertEquals("GET /service" + i + "/items", table.match("GET", "/service" + i + "/items").orElseThrow().route().name());
            RouteMatch item = table.match("DELETE", "/service" + i + "/items/" + i).orElseThrow();
            assertEquals("DELETE /service" + i + "/items/{id}", item.route().name());
            assertEquals(Map.of("id", String.valueOf(i)), item.pathParameters());
            RouteMatch rest = table.match("POST", "/service" + i + "/items/" + i).orElseThrow();
            assertEquals("ANY /service" + i + "/{proxy+}", rest.route().name());
            assertEquals(Map.of("proxy", "items/" + i), rest.pathParameters());
        }
        assertTrue(table.match("GET", "/service2500/items").isEmpty());
    }

    private static ObjectNode operation(ObjectMapper mapper, ObjectNode integration) {
        ObjectNode operation = mapper.createObjectNode();
        operation.set("x-amazon-apigateway-integration", integration);
        return operation;
    }
}
