package dev.portico.local;

import dev.portico.invocation.PorticoSettings;
import dev.portico.local.events.EventFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code serve [--port 3000] [--routes FILE] [--format alb|alb-multi|v1|v2]}: serves a route table on 127.0.0.1
 * through {@link LocalServer} until the process is stopped. Access-log lines go to stdout, everything else to
 * stderr. {@code PORTICO_STAGE} sets {@code $context.stage}, as it does for the function.
 */
public final class ServeCommand {
    private static final String USAGE = "usage: serve [--port 3000] [--routes FILE] [--format alb|alb-multi|v1|v2]";

    private ServeCommand() {}

    public static void main(String[] args) throws IOException {
        Path routes;
        CommandLine line;
        EventFormat format;
        int port;
        try {
            line = CommandLine.parse(args, "port", "routes", "format", "project", "enforced-upstream");
            if (!line.positional().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument " + line.positional().get(0));
            }
            routes = line.routes();
            format = EventFormat.fromName(line.options().getOrDefault("format", "alb"));
            port = Integer.parseInt(line.options().getOrDefault("port", "3000"));
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        PorticoSettings settings = PorticoSettings.defaults();
        String stage = System.getenv("PORTICO_STAGE");
        if (stage != null && !stage.isEmpty()) {
            settings = settings.withStage(stage);
        }
        LocalServer server;
        try {
            server = LocalServer.start(routes, format, settings, line.enforcedUpstream(), port, System.out, System.err);
        } catch (IOException | RuntimeException e) {
            System.err.println("serve: " + CheckCommand.describe(routes, e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.err.printf("[portico] serving %s as %s events on http://127.0.0.1:%d/ (reloads on change)%n",
                routes, format.label(), server.port());
    }
}
