package dev.portico.integration.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.tools.emulator.LambdaInvokeApi;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link TestFunction} running under the real Lambda Java runtime, reached through the Lambda Invoke API
 * emulator: function {@code fn} (30 s timeout) and {@code slow} (1 s timeout, for Lambda's own timeouts), plus
 * {@code throttled}, which Lambda always throttles. Test-scope only; close it to stop everything.
 */
public final class LocalLambda implements AutoCloseable {
    public static final String HANDLER = TestFunction.class.getName() + "::handleRequest";

    private final PackagedFunction fn;
    private final PackagedFunction slow;
    private final LambdaInvokeApi api;

    private LocalLambda(PackagedFunction fn, PackagedFunction slow, LambdaInvokeApi api) {
        this.fn = fn;
        this.slow = slow;
        this.api = api;
    }

    public static LocalLambda start() throws IOException {
        Path project = Path.of("").toAbsolutePath();
        Path zip = buildZip(project.resolve("target/aws-test-function/function.zip"));
        PackagedFunction.Config base = PackagedFunction.Config.forProject(project);
        PackagedFunction fn = warm(PackagedFunction.start(config(base, zip, "fn", Duration.ofSeconds(30))));
        PackagedFunction slow = warm(PackagedFunction.start(config(base, zip, "slow", Duration.ofSeconds(1))));
        LambdaInvokeApi api = LambdaInvokeApi.start()
                .register("fn", fn)
                .register("slow", slow)
                .register("throttled", event -> { throw new AssertionError("a throttled function ran"); }, 0);
        return new LocalLambda(fn, slow, api);
    }

    /** The value for {@code portico.aws.endpoint-override.lambda}. */
    public String endpoint() {
        return api.endpoint();
    }

    /** Serves {@code name} beside the real functions with a stand-in that answers (or fails) as told. */
    public LocalLambda register(String name, java.util.function.Function<byte[], Result> function) {
        api.register(name, function, Integer.MAX_VALUE);
        return this;
    }

    public PackagedFunction fn() {
        return fn;
    }

    @Override
    public void close() {
        api.close();
        fn.close();
        slow.close();
    }

    /**
     * Waits for the runtime's first answer. The runtime unpacks its native library to one shared file as it
     * starts, so runtimes started at the same moment can crash each other (SIGBUS): start them one by one.
     */
    private static PackagedFunction warm(PackagedFunction function) {
        function.invoke("{\"warm\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return function;
    }

    private static PackagedFunction.Config config(PackagedFunction.Config base, Path zip, String name, Duration timeout) {
        return new PackagedFunction.Config(zip, base.runtimeClasspathFile(), HANDLER, name, 512, timeout,
                "us-east-1", Map.of(), System.err);
    }

    /** The handler class from target/test-classes with Jackson in lib/, as a deployment zip would carry it. */
    private static Path buildZip(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        String classFile = TestFunction.class.getName().replace('.', '/') + ".class";
        Path classes = Paths.get(jarOf(TestFunction.class));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(classFile));
            Files.copy(classes.resolve(classFile), out);
            for (Class<?> library : new Class<?>[] {ObjectMapper.class, JsonFactory.class, JsonProperty.class}) {
                Path jar = Paths.get(jarOf(library));
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, out);
            }
        }
        return zip;
    }

    private static java.net.URI jarOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

}
