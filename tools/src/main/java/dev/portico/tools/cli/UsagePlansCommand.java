package dev.portico.tools.cli;

import dev.portico.apikey.ApiKey;
import dev.portico.apikey.ApiKeyStore;
import dev.portico.apikey.Quota;
import dev.portico.apikey.Throttle;
import dev.portico.apikey.UsagePlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code usage-plans COMMAND}: the usage plans the function applies to keys, and which keys belong to which plan,
 * in its DynamoDB table (docs/api-keys.md); imports what the AWS CLI prints, so that a migration takes three files.
 */
public final class UsagePlansCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: usage-plans COMMAND %s
              create ID NAME --stage API_ID/STAGE... [--rate N --burst N] [--quota N --period DAY|WEEK|MONTH
                     [--offset N]] [--method-throttle API_ID/STAGE:/RESOURCE/METHOD=RATE:BURST]...
                                  store a usage plan (replacing one of the same id)
              list                the plans: id, throttle, quota, stages and method overrides
              delete ID
              add-key PLAN KEY_ID | remove-key PLAN KEY_ID
              usage PLAN KEY_ID   the requests counted in the quota's current period
              import FILE         the plans of `aws apigateway get-usage-plans > FILE`
              import-keys PLAN FILE
                                  the keys of `aws apigateway get-usage-plan-keys --usage-plan-id PLAN > FILE`
                                  (import the keys and the plans first)
            %s""".formatted(KeysCommand.TABLE_OPTIONS, KeysCommand.TABLE_HELP),
            Set.of("table", "region", "endpoint-url", "stage", "rate", "burst", "quota", "period", "offset",
                    "method-throttle"), Set.of("stage", "method-throttle"), Set.of());
    private static final Map<String, Integer> OPERANDS = Map.of("create", 2, "list", 0, "delete", 1, "add-key", 2,
            "remove-key", 2, "usage", 2, "import", 1, "import-keys", 2);

    private UsagePlansCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return KeysCommand.withStore("usage-plans", SPEC, OPERANDS, args, out, err, (line, store) -> {
            List<String> operands = line.positional().subList(1, line.positional().size());
            switch (line.positional().get(0)) {
                case "create" -> {
                    UsagePlan plan = plan(operands.get(0), operands.get(1), line);
                    store.putPlan(plan);
                    out.println("stored usage plan " + describe(plan));
                }
                case "list" -> store.plans().forEach(plan -> out.println(describe(plan)));
                case "delete" -> {
                    if (!store.deletePlan(operands.get(0))) {
                        throw new UserError("no usage plan " + operands.get(0));
                    }
                    out.println("deleted usage plan " + operands.get(0) + " (its keys no longer reach its stages)");
                }
                case "add-key", "remove-key" -> {
                    boolean add = line.positional().get(0).equals("add-key");
                    if (add && store.plan(operands.get(0)).isEmpty()) {
                        throw new UserError("no usage plan " + operands.get(0));
                    }
                    if (!store.planMembership(operands.get(1), operands.get(0), add)) {
                        throw new UserError("no key " + operands.get(1));
                    }
                    out.println((add ? "added key " : "removed key ") + operands.get(1) + (add ? " to " : " from ")
                            + "usage plan " + operands.get(0));
                }
                case "usage" -> usage(store, operands.get(0), operands.get(1), out);
                case "import" -> {
                    List<UsagePlan> plans = AwsCliExports.usagePlans(operands.get(0), Cli.read(Path.of(operands.get(0))));
                    plans.forEach(plan -> {
                        store.putPlan(plan);
                        out.println("imported usage plan " + describe(plan));
                    });
                    out.printf("%d usage plan(s) imported into %s%n", plans.size(), store.describe());
                }
                case "import-keys" -> importKeys(store, operands.get(0), Path.of(operands.get(1)), out);
                default -> throw new IllegalStateException();
            }
            return 0;
        });
    }

    private static void importKeys(ApiKeyStore store, String planId, Path file, PrintStream out) {
        if (store.plan(planId).isEmpty()) {
            throw new UserError("no usage plan " + planId + ": import the plans first");
        }
        List<String> ids = AwsCliExports.usagePlanKeys(file.toString(), Cli.read(file));
        List<String> missing = ids.stream().filter(id -> store.keyById(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new UserError("nothing imported: no key " + String.join(", ", missing) + " (import the keys first)");
        }
        ids.forEach(id -> store.planMembership(id, planId, true));
        out.printf("%d key(s) added to usage plan %s%n", ids.size(), planId);
    }

    private static void usage(ApiKeyStore store, String planId, String keyId, PrintStream out) {
        UsagePlan plan = store.plan(planId).orElseThrow(() -> new UserError("no usage plan " + planId));
        ApiKey key = store.keyById(keyId).orElseThrow(() -> new UserError("no key " + keyId));
        if (plan.quota() == null) {
            out.println("usage plan " + planId + " has no quota");
            return;
        }
        Instant now = Instant.now();
        Instant start = plan.quota().periodStart(now);
        out.printf("key %s, plan %s: %d of %d requests since %s (until %s)%n", key.id(), planId,
                store.quotaUsed(planId, key.id(), start), plan.quota().limitAt(now), start, plan.quota().periodEnd(now));
    }

    private static UsagePlan plan(String id, String name, CommandLine line) {
        List<UsagePlan.ApiStage> stages = new ArrayList<>();
        Map<String, Map<String, Throttle>> overrides = new LinkedHashMap<>();
        for (String stage : line.all("stage")) {
            if (!stage.matches("[^/\\s]+/[^/\\s]+")) {
                throw new UserError("--stage is API_ID/STAGE, not " + stage);
            }
            overrides.put(stage, new LinkedHashMap<>());
        }
        if (overrides.isEmpty()) {
            throw new UserError("a usage plan needs at least one --stage API_ID/STAGE");
        }
        for (String override : line.all("method-throttle")) {
            var matcher = java.util.regex.Pattern.compile("([^:]+):(/\\S*/[A-Z*]+)=([0-9.]+):(\\d+)").matcher(override);
            if (!matcher.matches() || !overrides.containsKey(matcher.group(1))) {
                throw new UserError("--method-throttle is API_ID/STAGE:/RESOURCE/METHOD=RATE:BURST for a --stage, not "
                        + override);
            }
            overrides.get(matcher.group(1)).put(matcher.group(2),
                    new Throttle(Double.parseDouble(matcher.group(3)), Integer.parseInt(matcher.group(4))));
        }
        overrides.forEach((stage, methods) -> stages.add(new UsagePlan.ApiStage(stage.substring(0, stage.indexOf('/')),
                stage.substring(stage.indexOf('/') + 1), Map.copyOf(methods))));
        Throttle throttle = null;
        if (line.option("rate") != null || line.option("burst") != null) {
            throttle = new Throttle(number(line, "rate"), (int) number(line, "burst"));
        }
        Quota quota = null;
        if (line.option("quota") != null) {
            try {
                quota = new Quota((long) number(line, "quota"), line.option("offset") == null ? 0
                        : (long) number(line, "offset"), Quota.Period.parse(String.valueOf(line.option("period"))),
                        Instant.now());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        return new UsagePlan(id, name, throttle, quota, List.copyOf(stages));
    }

    private static double number(CommandLine line, String option) {
        String value = line.option(option);
        if (value == null || !value.matches("\\d+(\\.\\d+)?")) {
            throw new UserError("--" + option + " needs a number");
        }
        return Double.parseDouble(value);
    }

    static String describe(UsagePlan plan) {
        String stages = plan.apiStages().stream().map(stage -> stage.apiId() + "/" + stage.stage()
                + (stage.throttle().isEmpty() ? "" : stage.throttle().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().rateLimit() + ":" + e.getValue().burstLimit())
                        .sorted().collect(Collectors.joining(",", "[", "]"))))
                .collect(Collectors.joining(" "));
        return plan.id() + " (" + plan.name() + "): "
                + (plan.throttle() == null ? "no throttle" : "rate " + plan.throttle().rateLimit() + "/s, burst "
                        + plan.throttle().burstLimit())
                + "; " + (plan.quota() == null ? "no quota" : "quota " + plan.quota().limit() + " a "
                        + plan.quota().period().name().toLowerCase() + (plan.quota().offset() > 0 ? " (offset "
                        + plan.quota().offset() + ")" : ""))
                + "; stages " + stages;
    }
}
