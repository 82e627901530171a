package bench;

import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One event through {@link Portico#handle}: ALB event bytes in, ALB response bytes out, for the example API's
 * {@code GET /hello} MOCK route (a VTL response template). No Quarkus, no Lambda runtime: the gateway alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerEventBench {

    @Param("events/alb-get-hello.json")
    public String event;

    private Portico portico;
    private byte[] eventBytes;

    @Setup
    public void setUp() throws IOException {
        byte[] table;
        try (InputStream in = Portico.class.getClassLoader().getResourceAsStream("routes/example-api.yaml")) {
            table = in.readAllBytes();
        }
        portico = Portico.create(RouteTables.loader().load("example-api.yaml", table), PorticoSettings.defaults());
        eventBytes = Files.readAllBytes(Path.of(event));
        String answer = new String(portico.handle(eventBytes), StandardCharsets.UTF_8);
        System.out.println("[bench] Portico.handle answers: " + answer);
        if (!answer.contains("Hello, Ada Lovelace!")) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
    }

    @Benchmark
    public byte[] handle() {
        return portico.handle(eventBytes);
    }
}
