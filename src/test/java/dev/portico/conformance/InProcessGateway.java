package dev.portico.conformance;

import dev.portico.gateway.Portico;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.RouteTables;
import java.nio.file.Files;
import java.nio.file.Path;

/** Portico in this JVM, built from the route file exactly as the function builds it. */
final class InProcessGateway implements Gateway {
    private final Portico portico;

    private InProcessGateway(Portico portico) {
        this.portico = portico;
    }

    static Gateway launch(Path routeFile, PorticoSettings settings) throws Exception {
        return new InProcessGateway(Portico.create(
                RouteTables.loader().load(routeFile.toString(), Files.readAllBytes(routeFile)), settings));
    }

    @Override
    public byte[] handle(byte[] event) {
        return portico.handle(event);
    }
}
