package dev.portico.tools.cli;

import dev.portico.config.PorticoConfig;
import dev.portico.integration.aws.OverrideCredentials;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.route.ApiMapping;
import dev.portico.route.source.DynamoDbClients;
import dev.portico.route.source.MappingStore;
import dev.portico.route.source.RouteStore;
import dev.portico.route.source.RouteStoreException;
import dev.portico.route.source.RouteTableParser;
import dev.portico.route.source.StoredVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * {@code dynamodb COMMAND}: manages the route table versions of one API in DynamoDB; see docs/dynamodb-routes.md.
 * The table, API, region and endpoint default to the function's own settings ({@code portico.routes.dynamodb.*},
 * {@code portico.aws.*}), so that an import lands where the function reads.
 */
public final class DynamoDbCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: dynamodb COMMAND [--table TABLE] [--api API_ID] [--region REGION] [--endpoint-url URL]
              import FILE [--plain]   validate the file as the function would, store it as a new version, make it
                                      current (--plain stores it uncompressed)
              versions                list the stored versions; * marks the current one
              rollback VERSION        make a stored version current again, after checking it
              export VERSION FILE     write a stored version's document to a file, byte for byte
              create-table            create the table (on-demand), for a local DynamoDB
              mappings                list the API mappings kept in the table (host/base path -> api, stage)
              put-mapping HOST[/BASE/PATH] API STAGE
                                      map a host (or * for any) and base path to an API's stage, replacing the
                                      mapping of that host and base path; functions with
                                      PORTICO_API_MAPPINGS_SOURCE=dynamodb serve it within a refresh interval
              delete-mapping HOST[/BASE/PATH]
                                      delete the mapping of that host and base path
            TABLE defaults to PORTICO_ROUTES_DYNAMODB_TABLE, API_ID to PORTICO_ROUTES_DYNAMODB_API_ID (else
            PORTICO_API_ID, else portico), REGION to AWS_REGION, URL to PORTICO_AWS_ENDPOINT_OVERRIDE_DYNAMODB;
            imports are validated with PORTICO_ACCESS_CONTROL_ENFORCED_UPSTREAM (or --enforced-upstream), as the
            function validates them. Credentials come from the AWS SDK's default chain.""",
            Set.of("table", "api", "region", "endpoint-url", Cli.ENFORCED_UPSTREAM), Set.of(), Set.of("plain"));
    private static final Map<String, Integer> OPERANDS =
            Map.of("import", 1, "versions", 0, "rollback", 1, "export", 2, "create-table", 0, "mappings", 0,
                    "put-mapping", 3, "delete-mapping", 1);

    private final RouteStore store;
    /** The route store of another API in the same table. */
    private final java.util.function.Function<String, RouteStore> storeOf;
    private final MappingStore mappings;
    private final RouteTableParser parser;
    private final PrintStream out;

    DynamoDbCommand(RouteStore store, java.util.function.Function<String, RouteStore> storeOf, MappingStore mappings,
                    RouteTableParser parser, PrintStream out) {
        this.store = store;
        this.storeOf = storeOf;
        this.mappings = mappings;
        this.parser = parser;
        this.out = out;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * @param parser validates imports and rollbacks; null for the function's own loader and settings
     * @return the process exit code: 0 done, 1 failed, 2 bad usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err, RouteTableParser parser) {
        return Cli.run("dynamodb", SPEC, args, out, err, line -> {
            PorticoConfig config = Cli.config();
            Arguments arguments = Arguments.of(line, config);
            RouteTableParser validator = parser != null ? parser : Cli.loader(line, config)::load;
            try (DynamoDbClient client = DynamoDbClients.create(arguments.region(), arguments.endpointUrl(),
                    OverrideCredentials.forEndpoint(arguments.endpointUrl(), System::getenv))) {
                new DynamoDbCommand(new RouteStore(client, arguments.table(), arguments.api()),
                        api -> new RouteStore(client, arguments.table(), api), new MappingStore(client, arguments.table()), validator, out).execute(arguments);
                return 0;
            } catch (ResourceInUseException e) {
                throw new UserError("table " + arguments.table() + " already exists");
            } catch (InvalidRouteTableException e) {
                err.println(e.getMessage());
                return 1;
            } catch (RouteStoreException | SdkException | UncheckedIOException e) {
                err.println("portico dynamodb: " + (e.getMessage() != null ? e.getMessage() : e));
                return 1;
            }
        });
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
            case "mappings" -> listMappings();
            case "put-mapping" -> putMapping(operands.get(0), operands.get(1), operands.get(2));
            case "delete-mapping" -> deleteMapping(operands.get(0));
            default -> throw new IllegalStateException(arguments.command());
        }
    }

    private void listMappings() {
        List<ApiMapping> all = mappings.mappings();
        if (all.isEmpty()) {
            out.println("no API mappings in " + mappings.describe());
        }
        all.forEach(mapping -> out.println(mapping));
    }

    private void putMapping(String where, String api, String stage) {
        ApiMapping mapping = mapping(where, api, stage);
        Optional<ApiMapping> replaced = mappings.put(mapping);
        out.println("mapped " + mapping + replaced.map(old -> " (was " + old + ")").orElse(""));
        if (storeOf.apply(mapping.api()).current().isEmpty()) {
            out.println("note: api " + mapping.api() + " has no route table in this table; the function serves it "
                    + "only if PORTICO_APIS_" + mapping.api().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                    + "_FILE (or _SOURCE) names one, else it answers 500 until one is imported (import --api "
                    + mapping.api() + ")");
        }
    }

    private void deleteMapping(String where) {
        ApiMapping key = mapping(where, "x", "x");
        Optional<ApiMapping> deleted = mappings.delete(key.host(), key.basePath());
        if (deleted.isEmpty()) {
            throw new RouteStoreException("no API mapping for " + key.host() + key.basePath() + " in "
                    + mappings.describe());
        }
        out.println("deleted " + deleted.get());
    }

    /** {@code HOST[/BASE/PATH]} and the API and stage as one mapping; a wrong part is the user's to put right. */
    private static ApiMapping mapping(String where, String api, String stage) {
        int slash = where.indexOf('/');
        try {
            return ApiMapping.of(slash < 0 ? where : where.substring(0, slash), slash < 0 ? "" : where.substring(slash),
                    api, stage);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void importFile(Path file, boolean plain) {
        byte[] document = Cli.read(file);
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

    record Arguments(String command, List<String> operands, String table, String api, String region,
                     Optional<String> endpointUrl, boolean plain) {

        static Arguments of(CommandLine line, PorticoConfig config) {
            List<String> positional = line.positional();
            if (positional.isEmpty() || !OPERANDS.containsKey(positional.get(0))) {
                throw new UserError(positional.isEmpty() ? "name a command"
                        : "unknown command " + positional.get(0));
            }
            String command = positional.get(0);
            List<String> operands = positional.subList(1, positional.size());
            if (operands.size() != OPERANDS.get(command)) {
                throw new UserError(command + " takes " + OPERANDS.get(command) + " argument(s)");
            }
            if ((command.equals("rollback") || command.equals("export")) && !operands.get(0).matches("\\d{1,18}")) {
                throw new UserError("not a version number: " + operands.get(0));
            }
            if (line.flag("plain") && !command.equals("import")) {
                throw new UserError("--plain is for import");
            }
            String table = Optional.ofNullable(line.option("table")).or(() -> config.routes().dynamodb().table())
                    .orElseThrow(() -> new UserError("--table is needed (or PORTICO_ROUTES_DYNAMODB_TABLE)"));
            String api = Optional.ofNullable(line.option("api")).orElse(config.routes().dynamodb().apiId());
            String region = Optional.ofNullable(line.option("region")).orElse(config.aws().region());
            Optional<String> endpoint = Optional.ofNullable(line.option("endpoint-url"))
                    .or(() -> Optional.ofNullable(config.aws().endpointOverride().get("dynamodb")));
            return new Arguments(command, List.copyOf(operands), table, api, region, endpoint, line.flag("plain"));
        }
    }
}
