package dev.portico.tools.cli;

import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.gateway.ApiRouter;
import dev.portico.route.ApiMapping;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTableLoader;
import dev.portico.route.openapi.RouteTables;
import dev.portico.route.source.RouteSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every command shares: how it runs (usage on {@code --help}, one line and exit 2 for a user error), where
 * its settings come from (the function's own configuration, {@link Configuration#fromEnvironment()}, under the
 * command's options), and reading a route table as the function would.
 */
final class Cli {
    /** Options every command that reads a route table takes. */
    static final String ROUTES = "routes";
    static final String ENFORCED_UPSTREAM = "enforced-upstream";
    /** Where {@code ./portico} runs from, so that the bundled example is found; not for users. */
    static final String PROJECT = "project";
    /** The bundled example table, relative to the project directory. */
    static final String EXAMPLE_ROUTES = "src/main/resources/routes/example-api.yaml";

    private Cli() {}

    /** A command's work, given its parsed arguments; returns 0 when done, 1 when the work failed. */
    @FunctionalInterface
    interface Body {
        int run(CommandLine line) throws IOException;
    }

    /**
     * Parses the arguments and runs the body: usage on {@code --help} (0), one line for a user error (2), a route
     * table that does not load as its problems (1).
     */
    static int run(String name, CommandLine.Spec spec, String[] args, PrintStream out, PrintStream err, Body body) {
        try {
            return body.run(CommandLine.parse(args, spec));
        } catch (CommandLine.HelpRequested e) {
            out.println(spec.usage());
            return 0;
        } catch (InvalidRouteTableException e) {
            err.println(e.getMessage()); // one line per problem, each naming its route
            return 1;
        } catch (InvalidMappingsException e) {
            err.println(e.getMessage()); // one line per problem, each naming its mapping or API
            return 1;
        } catch (dev.portico.route.source.RouteTableUnavailableException e) {
            err.println("portico " + name + ": " + e.getMessage()); // mappings that could not be read
            return 1;
        } catch (UserError e) {
            err.println("portico " + name + ": " + e.getMessage() + " (" + spec.synopsis().strip() + ")");
            return 2;
        } catch (IOException e) {
            err.println("portico " + name + ": " + e);
            return 1;
        }
    }

    /** The configuration the function would read here, from {@code PORTICO_*} variables and system properties. */
    static PorticoConfig config() {
        return Configuration.fromEnvironment();
    }

    /** {@code --routes}, else {@code portico.routes.file} ({@code PORTICO_ROUTES}), else the bundled example. */
    static Path routes(CommandLine line, PorticoConfig config) {
        String routes = line.option(ROUTES);
        if (routes != null) {
            return Path.of(routes);
        }
        return config.routes().file().filter(file -> !file.isEmpty()).map(Path::of)
                .orElseGet(() -> Path.of(line.option(PROJECT) == null ? "" : line.option(PROJECT)).resolve(EXAMPLE_ROUTES));
    }

    /**
     * True when the function here would serve several APIs through API mappings: {@code PORTICO_API_MAPPINGS}, or
     * {@code PORTICO_API_MAPPINGS_SOURCE=dynamodb}.
     */
    static boolean mapped(PorticoConfig config) {
        return config.apiMappingsSource() == PorticoConfig.MappingSourceKind.DYNAMODB
                || config.apiMappings().filter(text -> !text.isBlank()).isPresent();
    }

    /**
     * The APIs and stages the function here would serve through its API mappings, each API's table loaded once, as
     * at start-up: an API whose table does not load answers its {@code routes().get()} with the load's exception
     * (an {@link InvalidRouteTableException} naming the routes), and the other APIs load regardless.
     *
     * @throws UserError naming every mapping or API that is configured wrong
     */
    static ApiRouter mappedRouter(PorticoConfig config) {
        try {
            return Configuration.router(config, Configuration.settings(config), Cli::loadOnce);
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingsException(e.getMessage());
        }
    }

    /** Mappings that are configured wrong: their problems, one a line; exit status 1 as for a broken table. */
    static final class InvalidMappingsException extends RuntimeException {
        InvalidMappingsException(String message) {
            super(message);
        }
    }

    private static Supplier<RouteTable> loadOnce(RouteSource source) {
        RouteTable table;
        try {
            table = source.loadIfChanged(null).orElseThrow().table();
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
        return () -> table;
    }

    /** The mappings in the order a request tries them: a host's own before any host's, longest base path first. */
    static List<ApiRouter.Entry> inSelectionOrder(ApiRouter router) {
        List<ApiRouter.Entry> entries = new ArrayList<>(router.mappings());
        entries.sort(Comparator.comparing((ApiRouter.Entry e) -> e.mapping().host().equals(ApiMapping.ANY_HOST))
                .thenComparing(e -> e.mapping().host())
                .thenComparing(Comparator.comparingInt((ApiRouter.Entry e) -> e.mapping().basePath().length())
                        .reversed()));
        return entries;
    }

    /** {@code --enforced-upstream a,b}, else {@code portico.access-control.enforced-upstream}. */
    static Set<String> enforcedUpstream(CommandLine line, PorticoConfig config) {
        String names = line.option(ENFORCED_UPSTREAM);
        if (names == null) {
            return Configuration.enforcedUpstream(config);
        }
        Set<String> upstream = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                upstream.add(name.strip());
            }
        }
        return Set.copyOf(upstream);
    }

    /**
     * The loader the function would use: the same access control enforced upstream, and the same region and
     * account for the AWS variables for OpenAPI import, and the same {@code portico.routes.basepath}.
     */
    static RouteTableLoader loader(CommandLine line, PorticoConfig config) {
        return RouteTables.loader(enforcedUpstream(line, config),
                Configuration.importVariables(Configuration.settings(config)))
                .withBasePath(Configuration.basePathMode("portico.routes.basepath", config.routes().basepath()));
    }

    /**
     * Loads a route table file as the function does at start-up.
     *
     * @throws UserError                  when the file cannot be read
     * @throws InvalidRouteTableException naming each broken route
     */
    static RouteTable load(Path file, RouteTableLoader loader) {
        return loader.load(file.toString(), read(file));
    }

    /** A file's bytes; a missing or unreadable file is the user's to put right. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
