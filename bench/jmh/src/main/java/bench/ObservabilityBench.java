package bench;

import dev.portico.gateway.Portico;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.observability.AccessLogFormat;
import dev.portico.observability.EmfMetrics;
import dev.portico.observability.Observability;
import dev.portico.observability.XRayTracer;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the access log, the EMF metrics and tracing add to one event through {@link Portico#handle}: the example
 * API's {@code GET /hello} (MOCK + VTL) with all of it off, and with the JSON access log preset, metrics with
 * detailed dimensions and tracing on. The lines go to a {@link Blackhole} instead of standard output, so the
 * figure is the cost of making them, not of the terminal. The MOCK route calls no endpoint, so tracing costs only
 * its check here; a subsegment is one small JSON document and one UDP send per integration call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObservabilityBench {

    @Param("events/alb-get-hello.json")
    public String event;

    private Portico off;
    private Portico on;
    private byte[] eventBytes;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) throws IOException {
        sink = blackhole;
        byte[] bytes;
        try (InputStream in = Portico.class.getClassLoader().getResourceAsStream("routes/example-api.yaml")) {
            bytes = in.readAllBytes();
        }
        RouteTable table = RouteTables.loader().load("example-api.yaml", bytes);
        PorticoSettings settings = PorticoSettings.defaults();
        Consumer<String> lines = line -> sink.consume(line);
        off = new Portico(() -> table, Integrations.standard(settings), settings, Observability.off());
        on = new Portico(() -> table, Integrations.standard(settings), settings, new Observability(
                AccessLogFormat.compile("JSON"),
                new EmfMetrics("Portico", "portico", settings.stage(), true, lines, System::currentTimeMillis),
                new XRayTracer("127.0.0.1:2000"), lines));
        eventBytes = Files.readAllBytes(Path.of(event));
    }

    @Benchmark
    public byte[] observabilityOff() {
        return off.handle(eventBytes);
    }

    @Benchmark
    public byte[] observabilityOn() {
        return on.handle(eventBytes);
    }
}
