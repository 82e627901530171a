package dev.portico.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a local command: {@code --name value} options and positional arguments.
 *
 * @param options    option name (without dashes) -> value
 * @param positional everything else, in order
 */
record CommandLine(Map<String, String> options, List<String> positional) {
    /** The bundled example table, relative to the project directory. */
    static final String EXAMPLE_ROUTES = "src/main/resources/routes/example-api.yaml";

    /** @throws IllegalArgumentException for an option without a value or one not in {@code known} */
    static CommandLine parse(String[] args, String... known) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (!List.of(known).contains(name) || i + 1 == args.length) {
                    throw new IllegalArgumentException(List.of(known).contains(name)
                            ? "--" + name + " needs a value" : "unknown option " + args[i]);
                }
                options.put(name, args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        return new CommandLine(options, positional);
    }

    /**
     * {@code --enforced-upstream a,b}, else {@code PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM} as the function reads it
     * ({@code portico.access-control.enforced-upstream}): the access control something in front of the function
     * enforces.
     */
    Set<String> enforcedUpstream() {
        return names(options.getOrDefault("enforced-upstream", System.getenv("PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM")));
    }

    /** A comma-separated list, as SmallRye Config reads one, without blanks. */
    static Set<String> names(String list) {
        Set<String> names = new java.util.LinkedHashSet<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return Set.copyOf(names);
    }

    /** {@code --routes}, else {@code PORTICO_ROUTES}, else the bundled example under {@code --project} (or here). */
    Path routes() {
        String routes = options.getOrDefault("routes", System.getenv("PORTICO_ROUTES"));
        if (routes != null && !routes.isEmpty()) {
            return Path.of(routes);
        }
        return Path.of(options.getOrDefault("project", "")).resolve(EXAMPLE_ROUTES);
    }
}
