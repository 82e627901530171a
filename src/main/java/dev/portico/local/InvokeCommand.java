package dev.portico.local;

import dev.portico.local.RuntimeApiEmulator.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code invoke [--project DIR] [--zip FILE] [--env NAME=VALUE]... EVENT.json...}: runs the project's
 * target/function.zip (or FILE) under the Lambda Java runtime, invokes it once per event file, and prints
 * each response on its own line to stdout. Timings and the function's logs go to stderr.
 * Variables named PORTICO_* are passed on to the function.
 */
public final class InvokeCommand {

    public static void main(String[] args) throws Exception {
        Path project = Path.of("");
        Path zip = null;
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("PORTICO_")) {
                env.put(name, value);
            }
        });
        List<Path> events = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--project" -> project = Path.of(args[++i]);
                case "--zip" -> zip = Path.of(args[++i]);
                case "--env" -> {
                    String[] pair = args[++i].split("=", 2);
                    env.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
                default -> events.add(Path.of(args[i]));
            }
        }
        if (events.isEmpty()) {
            System.err.println("usage: invoke [--project DIR] [--zip FILE] [--env NAME=VALUE]... EVENT.json...");
            System.exit(2);
        }

        boolean failed = false;
        PackagedFunction.Config config = PackagedFunction.Config.forProject(project).withEnv(env);
        if (zip != null) {
            config = config.withZip(zip);
        }
        try (PackagedFunction function = PackagedFunction.start(config)) {
            for (Path event : events) {
                long start = System.nanoTime();
                Result result = function.invoke(Files.readAllBytes(event));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                System.out.println(result.payloadText());
                System.out.flush();
                report("%s %s%s", event, millis(elapsed), result.isError() ? " ERROR " + result.errorType() : "");
                failed |= result.isError();
            }
            report("cold start %s (process start to first response)", millis(function.coldStart()));
        }
        System.exit(failed ? 1 : 0);
    }

    /** Timing lines start with "[portico]" so that they can be told apart from the function's logs. */
    private static void report(String format, Object... args) {
        System.err.println("[portico] " + String.format(Locale.ROOT, format, args));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
