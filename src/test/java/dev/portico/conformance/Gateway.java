package dev.portico.conformance;

import dev.portico.invocation.PorticoSettings;
import java.nio.file.Path;

/**
 * The function under test: event bytes in, answer bytes out. {@link InProcessGateway} calls Portico directly; a
 * packaged implementation (function.zip under the Lambda runtime interface client, via
 * {@code dev.portico.tools.emulator.PackagedFunction}) plugs in through {@link Launcher} once that class exists.
 */
interface Gateway extends AutoCloseable {

    byte[] handle(byte[] event) throws Exception;

    @Override
    default void close() throws Exception {}

    /** Starts a gateway serving one route file. */
    interface Launcher {
        Gateway launch(Path routeFile, PorticoSettings settings) throws Exception;
    }
}
