package dev.portico.tools.cli;

import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code invoke [--zip FILE] [--env NAME=VALUE]... EVENT.json...}: runs the project's target/function.zip (or
 * FILE) under the Lambda Java runtime, invokes it once per event file, and prints each response on its own line to
 * stdout. Timings and the function's logs go to stderr. Variables named PORTICO_* are passed on to the function,
 * as its deployment's environment would be.
 */
final class InvokeCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: invoke [--zip FILE] [--memory MB] [--env NAME=VALUE]... EVENT.json...
              Runs target/function.zip (or FILE) under the AWS Lambda Java runtime (no Docker needed), invokes it
              with each event file in turn and prints each response, one per line, to stdout. Timings (cold
              start, per event) and the function's logs go to stderr. Environment variables named PORTICO_* are
              passed on to the function, and so is each --env. --memory sets the function's memory size (512 MB
              by default; the heap is 85% of it, as Lambda sets it); the runtime process's peak RSS is printed
              with the timings. Exit status 1 when an invocation fails.""",
            Set.of("zip", "memory", Cli.PROJECT), Set.of("env"), Set.of());

    private InvokeCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("invoke", SPEC, args, out, err, line -> {
            if (line.positional().isEmpty()) {
                throw new UserError("missing EVENT.json");
            }
            Map<String, String> env = new HashMap<>();
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("PORTICO_")) {
                    env.put(name, value);
                }
            });
            for (String pair : line.all("env")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new UserError("--env " + pair + " is not NAME=VALUE");
                }
                env.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            List<byte[]> events = new ArrayList<>();
            for (String event : line.positional()) {
                events.add(Cli.read(Path.of(event)));
            }
            PackagedFunction.Config config = PackagedFunction.Config
                    .forProject(Path.of(line.option(Cli.PROJECT) == null ? "" : line.option(Cli.PROJECT))).withEnv(env);
            if (line.option("memory") != null) {
                try {
                    config = config.withMemoryMb(Integer.parseInt(line.option("memory")));
                } catch (NumberFormatException e) {
                    throw new UserError("--memory " + line.option("memory") + " is not a number of MB");
                }
            }
            if (line.option("zip") != null) {
                config = config.withZip(Path.of(line.option("zip")));
            }
            Cli.read(config.zip());
            boolean failed = false;
            try (PackagedFunction function = PackagedFunction.start(config)) {
                Optional<Long> cpuAtFirstResponse = Optional.empty();
                for (int i = 0; i < events.size(); i++) {
                    long start = System.nanoTime();
                    Result result = function.invoke(events.get(i));
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (i == 0) {
                        cpuAtFirstResponse = function.cpuTimeMs();
                    }
                    out.println(result.payloadText());
                    out.flush();
                    report(err, "%s %s%s", line.positional().get(i), millis(elapsed),
                            result.isError() ? " ERROR " + result.errorType() : "");
                    failed |= result.isError();
                }
                report(err, "cold start %s (process start to first response)", millis(function.coldStart()));
                cpuAtFirstResponse.ifPresent(ms -> report(err, "CPU %d ms to first response (user and system, all "
                        + "threads of the %s process)", ms, function.isNative() ? "bootstrap" : "runtime JVM"));
                int memoryMb = config.memoryMb();
                function.peakRssKb().ifPresent(kb -> report(err, "peak RSS %.1f MB (VmHWM of the %s process, "
                        + "%d MB function)", kb / 1024.0, function.isNative() ? "bootstrap" : "runtime JVM", memoryMb));
            }
            return failed ? 1 : 0;
        });
    }

    /** Timing lines start with "[portico]" so that they can be told apart from the function's logs. */
    private static void report(PrintStream err, String format, Object... args) {
        err.println("[portico] " + String.format(Locale.ROOT, format, args));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
