package bench;

import dev.portico.tools.emulator.PackagedFunction;
import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cold start and throughput of deployment zips under the Lambda Java Runtime Interface Client and the
 * project's Runtime API emulator ({@link PackagedFunction}, the same path as {@code ./portico invoke}).
 * <pre>
 *   PackagedBench coldstart ROOT WORK RUNS VARIANTS   -> WORK/results/coldstart.tsv
 *   PackagedBench throughput ROOT WORK EVENTS MEMORY_MB -> WORK/results/throughput.tsv
 * </pre>
 * JVM options reach the runtime process through the environment, as they do on Lambda: JAVA_TOOL_OPTIONS
 * is read before the command line (so it can add flags), _JAVA_OPTIONS after it (so it can undo one of the
 * runtime's own flags, here -XX:TieredStopAtLevel=1).
 */
public final class PackagedBench {

    /** A function to measure: its zip, extra environment and the events it is fed. */
    record Function(String name, Path zip, Map<String, String> env, List<byte[]> events) {}

    private static Path root;
    private static Path work;
    private static OutputStream functionLogs;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        root = Path.of(args[1]).toAbsolutePath();
        work = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(work.resolve("results"));
        functionLogs = Files.newOutputStream(work.resolve("results/function-logs-" + mode + ".txt"));
        try {
            if (mode.equals("coldstart")) {
                coldStart(Integer.parseInt(args[3]), Set.of(args[4].split(",")));
            } else {
                throughput(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            }
        } finally {
            functionLogs.close();
        }
        System.exit(0); // the emulators' server threads would keep the JVM alive
    }

    static List<Function> functions(boolean mixedEvents, int eventCount) throws IOException {
        byte[] albHello = Files.readAllBytes(root.resolve("events/alb-get-hello.json"));
        byte[] v2Hello = Files.readAllBytes(root.resolve("bench/events/httpapi-v2-get-hello.json"));
        List<byte[]> generated = Files.readAllLines(work.resolve("events-10000.jsonl")).stream()
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).collect(Collectors.toList());
        int n = mixedEvents ? eventCount : 1;
        return List.of(
                new Function("empty Quarkus handler", root.resolve("bench/empty-lambda/target/function.zip"), Map.of(),
                        repeat(albHello, n)),
                new Function("quarkus-amazon-lambda-http", root.resolve("bench/quarkus-http-rival/target/function.zip"),
                        Map.of(), repeat(v2Hello, n)),
                new Function("Portico, example table", root.resolve("target/function.zip"), Map.of(),
                        repeat(albHello, n)),
                new Function("Portico, 10,000 routes", root.resolve("target/function.zip"),
                        Map.of("PORTICO_ROUTES", work.resolve("routes-10000.json").toString()),
                        generated.subList(0, Math.min(n, generated.size()))));
    }

    private static List<byte[]> repeat(byte[] event, int n) {
        List<byte[]> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event);
        }
        return events;
    }

    // ---------------------------------------------------------------- cold start

    static void coldStart(int runs, Set<String> variants) throws Exception {
        List<Function> functions = functions(false, 1);
        Map<String, Map<String, String>> variantEnv = new LinkedHashMap<>();
        variantEnv.put("lambda-default", Map.of());
        variantEnv.put("full-jit", Map.of("_JAVA_OPTIONS", "-XX:TieredStopAtLevel=4"));
        variantEnv.put("appcds", Map.of()); // filled per function once its archive is made
        variantEnv.keySet().retainAll(variants);

        Map<String, Path> archives = new HashMap<>();
        if (variantEnv.containsKey("appcds")) {
            for (Function function : functions) {
                archives.put(function.name(), trainArchive(function));
            }
        }

        Map<String, List<Double>> samples = new LinkedHashMap<>();
        // Interleaved: every run starts each function under each variant once, so load changes hit all alike.
        for (int run = 1; run <= runs; run++) {
            for (Function function : functions) {
                for (String variant : variantEnv.keySet()) {
                    Map<String, String> env = new HashMap<>(function.env());
                    env.putAll(variantEnv.get(variant));
                    if (variant.equals("appcds")) {
                        env.put("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archives.get(function.name()));
                    }
                    double ms = coldStartOnce(function, env);
                    samples.computeIfAbsent(function.name() + "\t" + variant, k -> new ArrayList<>()).add(ms);
                    System.err.printf(Locale.ROOT, "[bench] cold start run %d %-28s %-15s %8.1f ms%n",
                            run, function.name(), variant, ms);
                }
            }
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(work.resolve("results/coldstart.tsv")), true,
                StandardCharsets.UTF_8)) {
            samples.forEach((key, values) -> {
                String[] parts = key.split("\t");
                Stats stats = new Stats(values.stream().mapToDouble(Double::doubleValue).toArray());
                out.println(stats.line("coldstart", parts[0], parts[1], "ms", ""));
            });
        }
    }

    private static double coldStartOnce(Function function, Map<String, String> env) throws Exception {
        Tracked tracked = Tracked.start(config(function, 512, env));
        try {
            Result result = tracked.function.invoke(function.events().get(0));
            if (result.isError()) {
                throw new IllegalStateException(function.name() + " failed: " + result.payloadText());
            }
            return tracked.function.coldStart().toNanos() / 1e6;
        } finally {
            tracked.close();
        }
    }

    /** A training run that writes a dynamic AppCDS archive of the classes the first events load. */
    private static Path trainArchive(Function function) throws Exception {
        Path archive = work.resolve("cds-" + function.name().replaceAll("[^A-Za-z0-9]+", "-") + ".jsa");
        Files.deleteIfExists(archive);
        Map<String, String> env = new HashMap<>(function.env());
        env.put("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=" + archive);
        Tracked tracked = Tracked.start(config(function, 512, env));
        try {
            for (int i = 0; i < 3; i++) {
                tracked.function.invoke(function.events().get(0));
            }
        } finally {
            tracked.close(); // SIGTERM: the JVM writes the archive as it exits
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no CDS archive written for " + function.name());
        }
        System.err.printf(Locale.ROOT, "[bench] AppCDS archive for %s: %d KB%n", function.name(), Files.size(archive) / 1024);
        return archive;
    }

    // ---------------------------------------------------------------- throughput and memory

    static void throughput(int events, int memoryMb) throws Exception {
        List<Function> functions = functions(true, events);
        // All functions run side by side, each in its own warm runtime process, and take their events in turns
        // (event i to each function, then event i+1): load from other builds hits them all alike.
        List<Tracked> running = new ArrayList<>();
        try {
            for (Function function : functions) {
                Tracked tracked = Tracked.start(config(function, memoryMb, function.env()));
                running.add(tracked);
                tracked.function.invoke(function.events().get(0)); // the cold one, not counted
            }
            int n = functions.get(0).events().size();
            double[][] latencies = new double[functions.size()][n];
            long[] busyNanos = new long[functions.size()];
            int[] errors = new int[functions.size()];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < functions.size(); f++) {
                    Function function = functions.get(f);
                    long t0 = System.nanoTime();
                    Result result = running.get(f).function.invoke(function.events().get(i));
                    long elapsed = System.nanoTime() - t0;
                    latencies[f][i] = elapsed / 1e3;
                    busyNanos[f] += elapsed;
                    boolean empty = function.name().startsWith("empty"); // answers {} to everything
                    boolean answered = empty || result.payloadText().contains("\"statusCode\":200");
                    if (result.isError() || !answered) {
                        errors[f]++;
                    }
                }
            }
            try (PrintStream out = new PrintStream(Files.newOutputStream(work.resolve("results/throughput.tsv")), true,
                    StandardCharsets.UTF_8)) {
                for (int f = 0; f < functions.size(); f++) {
                    // events per second of the function's own time: sequential events, one after another
                    String extra = String.format(Locale.ROOT, "events_per_s=%.0f;vmhwm_mb=%.1f;errors=%d;memory_mb=%d",
                            n / (busyNanos[f] / 1e9), running.get(f).vmHwmKb() / 1024.0, errors[f], memoryMb);
                    out.println(new Stats(latencies[f]).line("throughput", functions.get(f).name(), "lambda-default",
                            "us", extra));
                    System.err.printf(Locale.ROOT, "[bench] throughput %-28s %s%n", functions.get(f).name(), extra);
                }
            }
        } finally {
            for (Tracked tracked : running) {
                tracked.close();
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    static PackagedFunction.Config config(Function function, int memoryMb, Map<String, String> env) {
        PackagedFunction.Config defaults = PackagedFunction.Config.forProject(root);
        return new PackagedFunction.Config(function.zip(), defaults.runtimeClasspathFile(), defaults.handler(),
                defaults.functionName(), memoryMb, defaults.timeout(), defaults.region(), env, functionLogs);
    }

    /** A started function and its runtime process, found among this JVM's children. */
    record Tracked(PackagedFunction function, ProcessHandle process) {
        static synchronized Tracked start(PackagedFunction.Config config) throws IOException {
            Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
            PackagedFunction function = PackagedFunction.start(config);
            ProcessHandle process = ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("runtime process not found"));
            return new Tracked(function, process);
        }

        /** Peak resident set size of the runtime process so far (VmHWM). */
        long vmHwmKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmHWM for " + process.pid());
        }

        void close() throws Exception {
            function.close();
            process.onExit().get(); // the next start must not overlap this one
        }
    }
}
