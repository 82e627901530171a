package dev.portico.tools.cli;

import dev.portico.apikey.ApiKey;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.KeyHash;
import dev.portico.apikey.StoreUnavailableException;
import dev.portico.config.PorticoConfig;
import dev.portico.integration.aws.OverrideCredentials;
import dev.portico.route.source.DynamoDbClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * {@code keys COMMAND}: the API keys the function checks, in its DynamoDB table (docs/api-keys.md). The table,
 * region and endpoint default to the function's own settings, so that what is written here is what it reads.
 */
public final class KeysCommand {
    static final String TABLE_OPTIONS = "[--table TABLE] [--region REGION] [--endpoint-url URL]";
    static final String TABLE_HELP = """
            TABLE defaults to PORTICO_API_KEYS_TABLE, else PORTICO_ROUTES_DYNAMODB_TABLE; REGION to AWS_REGION; URL to
            PORTICO_AWS_ENDPOINT_OVERRIDE_DYNAMODB. Credentials come from the AWS SDK's default chain.""";
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: keys COMMAND %s
              create NAME [--value VALUE] [--id ID] [--plan PLAN]... [--disabled]
                                  store a key (a random 40-character value and id unless given) and print it
              list                the keys: id, enabled, name, plans (values are stored hashed and never shown)
              enable ID | disable ID | delete ID
              import FILE         the keys of `aws apigateway get-api-keys --include-values > FILE`, values and ids
                                  kept, each key's plans kept when it exists already
              create-table        create the table (on-demand), for a local DynamoDB
            %s""".formatted(TABLE_OPTIONS, TABLE_HELP),
            Set.of("table", "region", "endpoint-url", "value", "id", "plan"), Set.of("plan"), Set.of("disabled"));
    private static final Map<String, Integer> OPERANDS = Map.of("create", 1, "list", 0, "enable", 1, "disable", 1,
            "delete", 1, "import", 1, "create-table", 0);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private KeysCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return withStore("keys", SPEC, OPERANDS, args, out, err, (line, store) -> {
            List<String> operands = line.positional().subList(1, line.positional().size());
            switch (line.positional().get(0)) {
                case "create" -> create(store, operands.get(0), line, out);
                case "list" -> list(store, out);
                case "enable", "disable" -> {
                    if (!store.setEnabled(operands.get(0), line.positional().get(0).equals("enable"))) {
                        throw new UserError("no key " + operands.get(0));
                    }
                    out.println(line.positional().get(0) + "d key " + operands.get(0));
                }
                case "delete" -> {
                    if (!store.deleteKey(operands.get(0))) {
                        throw new UserError("no key " + operands.get(0));
                    }
                    out.println("deleted key " + operands.get(0));
                }
                case "import" -> importFile(store, Path.of(operands.get(0)), out);
                case "create-table" -> {
                    store.createTable();
                    out.println("created " + store.describe());
                }
                default -> throw new IllegalStateException();
            }
            return 0;
        });
    }

    private static void create(ApiKeyStore store, String name, CommandLine line, PrintStream out) {
        String value = Optional.ofNullable(line.option("value")).orElseGet(() -> random(40));
        if (!KeyHash.plausible(value)) {
            throw new UserError("a key value is 20 to 128 printable characters, as API Gateway's");
        }
        String id = Optional.ofNullable(line.option("id")).orElseGet(() -> random(10).toLowerCase());
        if (store.keyById(id).isPresent()) {
            throw new UserError("key " + id + " exists already");
        }
        for (String plan : line.all("plan")) {
            if (store.plan(plan).isEmpty()) {
                throw new UserError("no usage plan " + plan + " (./portico usage-plans create or import first)");
            }
        }
        store.putKey(new ApiKey(id, name, !line.flag("disabled"), Set.copyOf(line.all("plan"))), value, Instant.now());
        out.printf("created key %s (%s)%nvalue: %s%n", id, name, value);
    }

    private static void list(ApiKeyStore store, PrintStream out) {
        out.printf("%-24s %-8s %-24s %s%n", "id", "enabled", "name", "plans");
        for (ApiKey key : store.keys()) {
            out.printf("%-24s %-8s %-24s %s%n", key.id(), key.enabled(), key.name(),
                    String.join(",", new TreeSet<>(key.plans())));
        }
    }

    private static void importFile(ApiKeyStore store, Path file, PrintStream out) {
        List<AwsCliExports.ImportedKey> keys = AwsCliExports.apiKeys(file.toString(), Cli.read(file));
        for (AwsCliExports.ImportedKey imported : keys) {
            Set<String> plans = store.keyById(imported.key().id()).map(ApiKey::plans).orElse(Set.of());
            ApiKey key = imported.key();
            store.putKey(new ApiKey(key.id(), key.name(), key.enabled(), plans), imported.value(), imported.created());
            out.printf("imported key %s (%s)%s%n", key.id(), key.name(), key.enabled() ? "" : ", disabled");
        }
        out.printf("%d key(s) imported into %s%n", keys.size(), store.describe());
    }

    static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** A command's work on the store. */
    @FunctionalInterface
    interface StoreBody {
        int run(CommandLine line, ApiKeyStore store);
    }

    /** Checks the command and its operands, opens the table the function reads, and runs the body. */
    static int withStore(String name, CommandLine.Spec spec, Map<String, Integer> operands, String[] args,
                         PrintStream out, PrintStream err, StoreBody body) {
        return Cli.run(name, spec, args, out, err, line -> {
            List<String> positional = line.positional();
            if (positional.isEmpty() || !operands.containsKey(positional.get(0))) {
                throw new UserError(positional.isEmpty() ? "name a command" : "unknown command " + positional.get(0));
            }
            int wanted = operands.get(positional.get(0));
            if (positional.size() - 1 != wanted) {
                throw new UserError(positional.get(0) + " takes " + wanted + " argument(s)");
            }
            PorticoConfig config = Cli.config();
            String table = Optional.ofNullable(line.option("table"))
                    .or(() -> config.apiKeys().table()).or(() -> config.routes().dynamodb().table())
                    .filter(t -> !t.isBlank())
                    .orElseThrow(() -> new UserError("--table is needed (or PORTICO_API_KEYS_TABLE)"));
            String region = Optional.ofNullable(line.option("region")).orElse(config.aws().region());
            Optional<String> endpoint = Optional.ofNullable(line.option("endpoint-url"))
                    .or(() -> Optional.ofNullable(config.aws().endpointOverride().get("dynamodb")));
            try (DynamoDbClient client = DynamoDbClients.create(region, endpoint,
                    OverrideCredentials.forEndpoint(endpoint, System::getenv))) {
                return body.run(line, new ApiKeyStore(client, table));
            } catch (ResourceInUseException e) {
                throw new UserError("table " + table + " already exists");
            } catch (StoreUnavailableException | SdkException e) {
                err.println("portico " + name + ": " + e.getMessage());
                return 1;
            }
        });
    }
}
