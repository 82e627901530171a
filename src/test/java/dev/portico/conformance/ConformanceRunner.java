package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.invocation.PorticoSettings;
import dev.portico.invocation.Trace;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.EventFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs the API Gateway conformance cases against Portico and scores them (project issue #5).
 *
 * <pre>
 * ConformanceRunner CASES_DIR [--case ID]... [--write-report FILE] [--min-score N] [--check-against FILE]
 *                             [--packaged function.zip [--per-area N]] [--verbose]
 * </pre>
 * Exit status: 0, 1 when the score is below {@code --min-score} or the score recorded in {@code --check-against},
 * 2 on a usage error. With {@code --packaged}, a sample of the cases (the first N of each area, default 1) runs
 * both in-process and through the packaged function under the Lambda runtime interface client, and the exit
 * status is 1 when the two disagree on any case: the score itself comes from the in-process run.
 */
public final class ConformanceRunner {
    private static final long RUN_TIMEOUT_SECONDS = 20;

    record Options(Path cases, List<String> only, Path writeReport, int minScore, Path checkAgainst, Path packaged,
                   int perArea, boolean verbose) {

        static Options parse(String[] args) {
            Path cases = null;
            List<String> only = new ArrayList<>();
            Path writeReport = null;
            Path checkAgainst = null;
            Path packaged = null;
            int minScore = 0;
            int perArea = 1;
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--case" -> only.add(value(args, ++i));
                    case "--write-report" -> writeReport = Path.of(value(args, ++i));
                    case "--min-score" -> minScore = Integer.parseInt(value(args, ++i));
                    case "--check-against" -> checkAgainst = Path.of(value(args, ++i));
                    case "--packaged" -> packaged = Path.of(value(args, ++i));
                    case "--per-area" -> perArea = Integer.parseInt(value(args, ++i));
                    case "--verbose" -> verbose = true;
                    default -> {
                        if (args[i].startsWith("--") || cases != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        cases = Path.of(args[i]);
                    }
                }
            }
            if (cases == null) {
                throw new IllegalArgumentException("missing the cases folder");
            }
            if (!only.isEmpty() && writeReport != null) {
                throw new IllegalArgumentException("--write-report needs all cases; drop --case");
            }
            if (packaged != null && (writeReport != null || checkAgainst != null)) {
                throw new IllegalArgumentException("--packaged compares gateways; score in-process without it");
            }
            return new Options(cases, List.copyOf(only), writeReport, minScore, checkAgainst, packaged, perArea,
                    verbose);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private final Backends backends;
    private final Gateway.Launcher launcher;
    private final PrintStream out;
    private final ExecutorService runs = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "conformance-run");
        thread.setDaemon(true);
        return thread;
    });

    ConformanceRunner(Backends backends, Gateway.Launcher launcher, PrintStream out) {
        this.backends = backends;
        this.launcher = launcher;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("conformance: " + e.getMessage());
            System.err.println("usage: ConformanceRunner CASES_DIR [--case ID]... [--write-report FILE]"
                    + " [--min-score N] [--check-against FILE] [--packaged function.zip] [--verbose]");
            System.exit(2);
            return;
        }
        try {
            System.exit(run(options, String.join(" ", args)));
        } catch (UnsupportedOperationException | IOException e) {
            System.err.println("conformance: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Options options, String arguments) throws Exception {
        prepareEnvironment(options.verbose());
        if (options.packaged() != null) {
            return comparePackaged(options);
        }
        Gateway.Launcher launcher = InProcessGateway::launch;
        List<CaseResult> results;
        List<Path> files = caseFiles(options);
        try (Backends backends = new Backends()) {
            ConformanceRunner runner = new ConformanceRunner(backends, launcher, System.out);
            results = runner.runAll(files);
        }
        long passed = results.stream().filter(CaseResult::passed).count();
        System.out.println(Report.scoreLine(passed, results.size()));
        if (options.writeReport() != null) {
            Files.writeString(options.writeReport(),
                    Report.render(results, "bash .ci/conformance --write-report", sources(files)), StandardCharsets.UTF_8);
            System.out.println("wrote " + options.writeReport());
        }
        int minimum = options.minScore();
        if (options.checkAgainst() != null) {
            OptionalInt recorded = Report.readScore(options.checkAgainst());
            System.out.println("recorded in " + options.checkAgainst() + ": "
                    + (recorded.isPresent() ? recorded.getAsInt() : "no score line (treated as 0)"));
            minimum = Math.max(minimum, recorded.orElse(0));
        }
        if (passed < minimum) {
            System.out.println("FAILED: score " + passed + " is below the required " + minimum);
            return 1;
        }
        return 0;
    }

    /**
     * Runs a sample of the cases in-process and through the packaged function.zip, and reports every case on which
     * the two disagree: what passes in-process must pass as deployed, and fail the same way where it fails.
     */
    private static int comparePackaged(Options options) throws Exception {
        if (!Files.isRegularFile(options.packaged())) {
            throw new IOException(options.packaged() + " is missing: build it with ./mvnw package");
        }
        List<Path> sample = samplePerArea(caseFiles(options), options.perArea());
        int disagreements = 0;
        try (Backends backends = new Backends()) {
            ConformanceRunner inProcess = new ConformanceRunner(backends, InProcessGateway::launch, NOWHERE);
            ConformanceRunner packaged = new ConformanceRunner(backends,
                    PackagedGateway.launcher(Path.of("").toAbsolutePath(), options.packaged(), options.verbose()),
                    NOWHERE);
            for (Path file : sample) {
                CaseResult expected = inProcess.runCase(file);
                CaseResult actual = packaged.runCase(file);
                boolean same = expected.passed() == actual.passed();
                System.out.println((same ? "SAME " : "DIFFERENT ") + actual.id() + " ("
                        + (actual.passed() ? "passes" : "fails: " + actual.reason()) + ")"
                        + (same ? "" : "; in-process it " + (expected.passed() ? "passes" : "fails: " + expected.reason())));
                disagreements += same ? 0 : 1;
            }
        }
        System.out.println("Packaged sample: " + (sample.size() - disagreements) + "/" + sample.size()
                + " cases answer as in-process");
        return disagreements == 0 ? 0 : 1;
    }

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    /** The first {@code perArea} cases of each area, in file-name order. */
    static List<Path> samplePerArea(List<Path> files, int perArea) {
        Map<Area, Integer> taken = new EnumMap<>(Area.class);
        List<Path> sample = new ArrayList<>();
        for (Path file : files) {
            Area area = Area.of(caseId(file));
            if (taken.merge(area, 1, Integer::sum) <= perArea) {
                sample.add(file);
            }
        }
        return sample;
    }

    /**
     * Quietens Portico's per-request logging (failures are reported per case instead) and gives AWS SDK clients
     * dummy credentials and a region: every AWS endpoint here is a local stub that does not check signatures.
     */
    private static void prepareEnvironment(boolean verbose) {
        if (!verbose) {
            System.setProperty("org.jboss.logging.provider", "jdk");
            Logger.getLogger("").setLevel(Level.OFF);
        }
        setIfAbsent("aws.accessKeyId", "conformance");
        setIfAbsent("aws.secretAccessKey", "conformance");
        setIfAbsent("aws.region", Backends.REGION);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static List<Path> caseFiles(Options options) throws IOException {
        if (!Files.isDirectory(options.cases())) {
            throw new IOException("no cases folder at " + options.cases());
        }
        if (!options.only().isEmpty()) {
            return options.only().stream().map(id -> {
                Path yaml = options.cases().resolve(id + ".yaml");
                return Files.exists(yaml) ? yaml : options.cases().resolve(id + ".json");
            }).toList();
        }
        List<Path> found;
        try (Stream<Path> files = Files.list(options.cases())) {
            found = files.filter(f -> caseId(f) != null).sorted().toList();
        }
        if (found.isEmpty()) {
            throw new IOException("no cases in " + options.cases() + ": a run without cases checks nothing");
        }
        return found;
    }

    /**
     * Where each area's cases come from: the recorded snapshot files and the documentation pages their
     * {@code source} names, for CONFORMANCE.md.
     */
    static Map<Area, java.util.SortedSet<String>> sources(List<Path> files) throws IOException {
        Map<Area, java.util.SortedSet<String>> sources = new EnumMap<>(Area.class);
        for (Path file : files) {
            JsonNode source = CaseFile.YAML.readTree(Files.readString(file)).path("source");
            String where = source.has("recorded on AWS")
                    ? "recorded on AWS: " + source.get("recorded on AWS").asText().replaceFirst("\\s*\\(.*$", "")
                    : "documented: " + source.path("documented").asText().replaceFirst("\\s.*$", "");
            sources.computeIfAbsent(Area.of(caseId(file)), area -> new java.util.TreeSet<>()).add(where);
        }
        return sources;
    }

    /** The case id of a case file ({@code ID.yaml} or {@code ID.json}), or null for any other file. */
    static String caseId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".json") ? name.substring(0, name.length() - 5) : null;
    }

    List<CaseResult> runAll(List<Path> files) {
        List<CaseResult> results = new ArrayList<>();
        for (Path file : files) {
            CaseResult result = runCase(file);
            out.println((result.passed() ? "PASS " : "FAIL ") + result.id()
                    + (result.passed() ? "" : ": " + result.reason()));
            results.add(result);
        }
        return results;
    }

    CaseResult runCase(Path file) {
        String id = caseId(file);
        CaseFile testCase;
        try {
            testCase = CaseFile.load(file);
        } catch (IOException | RuntimeException e) {
            return CaseResult.failedEverywhere(id, List.of(EventFormat.values()), "unreadable case file: " + e);
        }
        List<EventFormat> formats = testCase.request().formats();
        Path routeFile = null;
        try {
            backends.prepare(testCase);
            routeFile = Files.createTempFile("conformance-" + id, ".json");
            Files.write(routeFile, CaseFile.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(ApiDocument.build(testCase, backends.placeholders(testCase))));
            PorticoSettings settings = PorticoSettings.defaults().withStage(testCase.stage())
                    .withAwsEndpointOverrides(backends.endpointOverrides());
            try (Gateway gateway = launcher.launch(routeFile, settings)) {
                List<CaseResult.Run> runResults = new ArrayList<>();
                for (EventFormat format : formats) {
                    runResults.add(new CaseResult.Run(format, runOnce(testCase, format, gateway)));
                }
                return new CaseResult(id, Area.of(id), runResults);
            }
        } catch (Exception | LinkageError e) {
            return CaseResult.failedEverywhere(id, formats, "gateway set-up failed: " + oneLine(e));
        } finally {
            deleteQuietly(routeFile);
        }
    }

    /** One case x format; never throws: any failure becomes the run's reason. */
    List<String> runOnce(CaseFile testCase, EventFormat format, Gateway gateway) {
        try {
            backends.startRun(testCase);
            byte[] event = CallerEvents.build(format, testCase.request().toClientRequest(), testCase.stage(),
                    UUID.randomUUID().toString());
            Future<byte[]> call = runs.submit(() -> gateway.handle(event));
            byte[] answer;
            try {
                answer = call.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                call.cancel(true);
                return List.of("no answer within " + RUN_TIMEOUT_SECONDS + " s");
            }
            Backends.Trace trace = backends.finishRun(testCase);
            return Expectations.check(testCase, format, AnswerDecoder.decode(answer, format), trace);
        } catch (java.util.concurrent.ExecutionException e) {
            return List.of("gateway threw " + oneLine(e.getCause()));
        } catch (Exception | LinkageError e) {
            return List.of(oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return AnswerDecoder.abbreviate(e.getClass().getSimpleName() + message);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
