package dev.portico.tools.cli;

import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.gateway.ApiRouter;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.source.LiveRouteTable;
import java.time.Duration;
import dev.portico.route.source.RouteTableUnavailableException;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.emulator.LocalServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code serve [--port 3000] [--routes FILE] [--format alb|alb-multi|v1|v2]}: serves a route table on 127.0.0.1
 * through {@link LocalServer} until the process is stopped. Access-log lines go to stdout, everything else to
 * stderr. The settings are the function's own ({@code PORTICO_STAGE} sets {@code $context.stage}, and so on).
 */
final class ServeCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: serve [--port 3000] [--routes FILE] [--format alb|alb-multi|v1|v2] [--enforced-upstream NAMES]
              Serves the route table on http://127.0.0.1:PORT/ (--port 0 picks a free port and prints it). Each
              request becomes the event the caller sends (an ALB target-group event by default; alb-multi is the
              ALB with multi-value headers on, v1 a REST API proxy, v2 an HTTP API) and is answered by the
              function's own code in this process. In the ALB formats the ALB's limits apply (1 MB body: 413;
              16 KB request line or header: 400; 64 KB of headers: 431). The route file is re-read when it
              changes; a file that does not load keeps the previous table and prints why. One access-log line per
              request (API Gateway's CLF-like format) on stdout. FILE defaults to PORTICO_ROUTES, else the
              bundled example; the other settings are the function's (PORTICO_STAGE, ...). With API mappings
              (PORTICO_API_MAPPINGS, or PORTICO_API_MAPPINGS_SOURCE=dynamodb) and no --routes, serves every
              mapping's API by host (the Host header) and base path, each API's table reloaded on its own.""",
            Set.of("port", "format", Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT), Set.of(), Set.of());

    private ServeCommand() {}

    private static int serveMappings(PorticoConfig config, EventFormat format, int port, PrintStream out,
                                     PrintStream err) throws java.io.IOException {
        PorticoSettings settings = Configuration.settings(config);
        ApiRouter router;
        try {
            router = Configuration.router(config, settings,
                    source -> new LiveRouteTable(source, Duration.ZERO, LocalServer.reloads(err)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        LocalServer server;
        try {
            server = LocalServer.start(router, format, settings, port,
                    Configuration.observability(config, out::println, "CLF"), Configuration.authorizerOptions(config),
                    Configuration.apiKeys(config, settings), out, err);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (java.net.BindException e) {
            throw new UserError("port " + port + " is in use");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        err.printf("[portico] serving API mappings as %s events on http://127.0.0.1:%d/ (tables reload on change)%n",
                format.label(), server.port());
        try {
            for (ApiRouter.Entry entry : Cli.inSelectionOrder(router)) {
                err.println("[portico]   " + entry.mapping());
            }
        } catch (RuntimeException e) {
            err.println("[portico] " + e.getMessage());
        }
        return 0;
    }

    /** Starts the server and returns; it serves until the process ends. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("serve", SPEC, args, out, err, line -> {
            line.positional(0, "nothing");
            PorticoConfig config = Cli.config();
            Path routes = Cli.routes(line, config);
            EventFormat format;
            int port;
            try {
                format = EventFormat.fromName(line.option("format") == null ? "alb" : line.option("format"));
                port = Integer.parseInt(line.option("port") == null ? "3000" : line.option("port"));
            } catch (IllegalArgumentException e) {
                throw new UserError(e instanceof NumberFormatException ? "--port is not a number" : e.getMessage());
            }
            if (line.option(Cli.ROUTES) == null && Cli.mapped(config)) {
                return serveMappings(config, format, port, out, err);
            }
            Cli.read(routes);
            LocalServer server;
            try {
                server = LocalServer.start(routes, format, Configuration.settings(config),
                        Cli.enforcedUpstream(line, config), port,
                        Configuration.observability(config, out::println, "CLF"),
                        Configuration.authorizerOptions(config),
                        Configuration.apiKeys(config, Configuration.settings(config)), out, err);
            } catch (RouteTableUnavailableException e) {
                err.println(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            } catch (java.net.BindException e) {
                throw new UserError("port " + port + " is in use");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            err.printf("[portico] serving %s as %s events on http://127.0.0.1:%d/ (reloads on change)%n",
                    routes, format.label(), server.port());
            return 0;
        });
    }
}
