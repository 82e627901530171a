package dev.portico.conformance;

import dev.portico.invocation.PorticoSettings;
import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packaged target/function.zip under the Lambda runtime interface client, one runtime process per case: the
 * route file and settings reach it the way they reach a deployed function, as environment variables.
 */
final class PackagedGateway implements Gateway {
    private final PackagedFunction function;

    private PackagedGateway(PackagedFunction function) {
        this.function = function;
    }

    static Gateway.Launcher launcher(Path projectDir, Path zip, boolean showLogs) {
        return (routeFile, settings) -> new PackagedGateway(PackagedFunction.start(
                PackagedFunction.Config.forProject(projectDir).withZip(zip).withEnv(environment(routeFile, settings))
                        .withLogs(showLogs ? System.err : OutputStream.nullOutputStream())));
    }

    /** SmallRye Config reads dotted names from the environment as they are, so map keys need no encoding. */
    static Map<String, String> environment(Path routeFile, PorticoSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORTICO_ROUTES", routeFile.toAbsolutePath().toString());
        env.put("PORTICO_STAGE", settings.stage());
        settings.stageVariables().forEach((name, value) -> env.put("portico.stage-variables." + name, value));
        settings.awsEndpointOverrides().forEach((service, url) -> env.put("portico.aws.endpoint-override." + service, url));
        // Every AWS endpoint here is a local stub: the SDK needs credentials to sign, not real ones.
        env.put("AWS_ACCESS_KEY_ID", "conformance");
        env.put("AWS_SECRET_ACCESS_KEY", "conformance");
        return env;
    }

    @Override
    public byte[] handle(byte[] event) {
        Result result = function.invoke(event);
        if (result.isError()) {
            throw new IllegalStateException("function error " + result.errorType() + ": "
                    + new String(result.payload(), StandardCharsets.UTF_8));
        }
        return result.payload();
    }

    @Override
    public void close() {
        function.close();
    }
}
