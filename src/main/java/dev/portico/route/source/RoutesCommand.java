package dev.portico.route.source;

import dev.portico.route.RouteTable;
import dev.portico.route.openapi.RouteTables;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Manages the route table versions of one API in DynamoDB; see docs/dynamodb-routes.md. */
public final class RoutesCommand {
    static final String USAGE = """
            usage: RoutesCommand <command> --table TABLE --api API_ID [--region REGION] [--endpoint-url URL]
              import <file> [--plain]   validate the file as the gateway would, store it as a new version, make it current
                                        (--plain stores it uncompressed)
              versions                  list the stored versions; * marks the current one
              rollback <version>        make a stored version current again, after checking it
              export <version> <file>   write a stored version's document to a file, byte for byte
              create-table              create the table (on-demand), for a local DynamoDB
            REGION defaults to $AWS_REGION; credentials come from the AWS SDK's default chain.""";

    private final RouteStore store;
    private final RouteTableParser parser;
    private final PrintStream out;

    RoutesCommand(RouteStore store, RouteTableParser parser, PrintStream out) {
        this.store = store;
        this.parser = parser;
        this.out = out;
    }

    public static void main(String[] args) {
        // Validated as the function would validate it: the same access control is enforced upstream.
        String upstream = System.getenv("PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM");
        Set<String> enforcedUpstream = upstream == null ? Set.of() : Arrays.stream(upstream.split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
        System.exit(run(args, System.out, System.err, RouteTables.loader(enforcedUpstream)::load));
    }

    /** @return the process exit code: 0 done, 1 failed, 2 bad usage */
    static int run(String[] args, PrintStream out, PrintStream err, RouteTableParser parser) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (DynamoDbClient client = DynamoDbClients.create(arguments.region(), arguments.endpointUrl())) {
            new RoutesCommand(new RouteStore(client, arguments.table(), arguments.api()), parser, out)
                    .execute(arguments);
            return 0;
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e));
            return 1;
        }
    }

    private void execute(Arguments arguments) {
        List<String> operands = arguments.operands();
        switch (arguments.command()) {
            case "import" -> importFile(Path.of(operands.get(0)), arguments.plain());
            case "versions" -> versions();
            case "rollback" -> rollback(Long.parseLong(operands.get(0)));
            case "export" -> export(Long.parseLong(operands.get(0)), Path.of(operands.get(1)));
            case "create-table" -> {
                store.createTable();
                out.println("created " + store.describe());
            }
            default -> throw new IllegalStateException(arguments.command());
        }
    }

    private void importFile(Path file, boolean plain) {
        byte[] document = readFile(file);
        out.printf("validating %s (%d bytes)%n", file, document.length);
        RouteTable table = parser.parse(file.toString(), document);
        out.printf("valid: %d routes%n", table.routes().size());
        Optional<Long> previous = store.current().map(StoredVersion::version);
        StoredVersion version = store.write(document, file.getFileName().toString(), table.routes().size(), !plain,
                out::println);
        store.makeCurrent(version, previous);
        out.printf("version %d of %s is current (was %s)%n", version.version(), store.describe(),
                previous.map(String::valueOf).orElse("none"));
    }

    private void versions() {
        Optional<Long> current = store.current().map(StoredVersion::version);
        out.printf("  %8s %7s %10s %7s  %-24s %s%n", "version", "routes", "bytes", "chunks", "imported", "source");
        for (StoredVersion v : store.versions()) {
            out.printf("%s %8d %7d %10d %7s  %-24s %s%n", current.equals(Optional.of(v.version())) ? "*" : " ",
                    v.version(), v.routes(), v.size(), v.chunks() + " " + v.encoding(), v.importedAt(), v.source());
        }
    }

    private void rollback(long number) {
        StoredVersion target = stored(number);
        parser.parse(store.describe() + ", version " + number, store.read(target));
        Optional<Long> previous = store.current().map(StoredVersion::version);
        store.makeCurrent(target, previous);
        out.printf("version %d of %s is current (was %s)%n", number, store.describe(),
                previous.map(String::valueOf).orElse("none"));
    }

    private void export(long number, Path file) {
        byte[] document = store.read(stored(number));
        try {
            Files.write(file, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.printf("wrote version %d (%d bytes) to %s%n", number, document.length, file);
    }

    private StoredVersion stored(long number) {
        return store.version(number).orElseThrow(
                () -> new RouteStoreException("version " + number + " does not exist in " + store.describe()));
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    record Arguments(String command, List<String> operands, String table, String api, String region,
                     Optional<String> endpointUrl, boolean plain) {
        private static final Map<String, Integer> OPERANDS =
                Map.of("import", 1, "versions", 0, "rollback", 1, "export", 2, "create-table", 0);

        static Arguments parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            List<String> positional = new ArrayList<>();
            boolean plain = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--plain")) {
                    plain = true;
                } else if (args[i].startsWith("--")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i].substring(2), args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            if (positional.isEmpty() || !OPERANDS.containsKey(positional.get(0))) {
                throw new IllegalArgumentException("name a command");
            }
            String command = positional.get(0);
            List<String> operands = positional.subList(1, positional.size());
            if (operands.size() != OPERANDS.get(command)) {
                throw new IllegalArgumentException(command + " takes " + OPERANDS.get(command) + " argument(s)");
            }
            if ((command.equals("rollback") || command.equals("export")) && !operands.get(0).matches("\\d+")) {
                throw new IllegalArgumentException("not a version number: " + operands.get(0));
            }
            String region = Optional.ofNullable(options.remove("region"))
                    .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                    .orElseThrow(() -> new IllegalArgumentException("--region is needed (or AWS_REGION)"));
            Arguments arguments = new Arguments(command, List.copyOf(operands), required(options, "table"),
                    required(options, "api"), region, Optional.ofNullable(options.remove("endpoint-url")), plain);
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", options.keySet()));
            }
            return arguments;
        }

        private static String required(Map<String, String> options, String name) {
            return Optional.ofNullable(options.remove(name))
                    .orElseThrow(() -> new IllegalArgumentException("--" + name + " is needed"));
        }
    }
}
