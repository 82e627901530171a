package bench;

import dev.portico.event.Headers;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import dev.portico.route.openapi.RouteTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One render of a typical request template (project issue #3's figure): ten lines with {@code $input.path},
 * {@code $input.json}, {@code $input.params} and {@code $util} calls over a JSON body of about 1 KB, compiled once
 * by the project's own compiler, rendered with a fresh input each time as a request would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VtlRenderBench {
    static final String TEMPLATE = String.join("\n",
            "#set($order = $input.path('$'))",
            "{",
            "  \"orderId\": \"$input.params('id')\",",
            "  \"tenant\": \"$input.params('x-tenant')\",",
            "  \"customer\": \"$util.escapeJavaScript($input.path('$.customer.name'))\",",
            "  \"items\": $input.path('$.items').size(),",
            "  \"first\": $input.json('$.items[0]'),",
            "  \"note\": \"$util.urlEncode($order.note)\",",
            "  \"stage\": \"$context.stage\"",
            "}");

    private MappingTemplate template;
    private String body;
    private Map<String, String> path;
    private Map<String, List<String>> query;
    private Headers headers;

    @Setup
    public void setUp() {
        template = RouteTables.compiler().compile("bench request template application/json", TEMPLATE);
        StringBuilder json = new StringBuilder("{\"customer\":{\"name\":\"Ada \\\"The Countess\\\" Lovelace\"},"
                + "\"note\":\"leave at the door, please\",\"items\":[");
        for (int i = 0; i < 10; i++) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + i)
                    .append("\",\"qty\":").append(i + 1).append(",\"price\":").append(9.5 * (i + 1))
                    .append(",\"tags\":[\"gift\",\"fragile\"]}");
        }
        body = json.append("]}").toString();
        path = Map.of("id", "o-42");
        query = Map.of("page", List.of("1"));
        headers = new Headers().set("X-Tenant", "acme").set("Content-Type", "application/json").freeze();
        System.out.printf("[bench] body %d bytes; output: %s%n", body.length(), render());
    }

    @Benchmark
    public String render() {
        Map<String, Object> context = new HashMap<>();
        context.put("stage", "prod");
        return template.render(new TemplateInput(body, path, query, headers, context, Map.of()));
    }
}
