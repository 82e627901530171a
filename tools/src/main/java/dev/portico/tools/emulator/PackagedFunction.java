package dev.portico.tools.emulator;

import dev.portico.tools.emulator.RuntimeApiEmulator.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Lambda deployment zip running in a child JVM under the AWS Lambda Java Runtime Interface Client
 * (the runtime of Lambda's managed Java runtimes), fed through a {@link RuntimeApiEmulator}; or, for a native
 * build's zip (a {@code bootstrap} executable, for the OS-only runtime {@code provided.al2023}), that
 * {@code bootstrap} run as Lambda runs it: from the task root, with the same environment and Runtime API.
 * One instance is one warm execution environment: start it, invoke many events, close it.
 *
 * <p>{@code -Dportico.packaged=native} ({@link #PACKAGED_PROPERTY}) makes {@link Config#forProject} take the native
 * build's zip, {@value #NATIVE_ZIP}, instead of {@value #JVM_ZIP}: the one switch that runs the packaged tests
 * and the conformance cases on the native binary.
 */
public final class PackagedFunction implements AutoCloseable {

    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** The Lambda managed runtime template.yaml deploys the function on. */
    public static final String RUNTIME = "java25";
    /** The Java feature release that runtime runs; the build compiles for it (maven.compiler.release). */
    public static final int RUNTIME_JAVA = 25;
    /** A JDK or JRE home to run the function with, instead of the one found by {@link #runtimeJava()}. */
    public static final String JAVA_HOME_PROPERTY = "portico.lambda.java-home";
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+).*");
    /** Where JDKs are usually installed; each child folder with a {@code release} file is a candidate. */
    private static final List<String> JDK_FOLDERS = List.of("/usr/lib/jvm", "/usr/java", "/opt/java",
            System.getProperty("user.home") + "/.sdkman/candidates/java", System.getProperty("user.home") + "/.jdks",
            "/Library/Java/JavaVirtualMachines");
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Which build the packaged tests run: {@code jvm} (the default) or {@code native}. */
    public static final String PACKAGED_PROPERTY = "portico.packaged";
    /** The JVM build's zip, relative to the project. */
    public static final String JVM_ZIP = "target/function.zip";
    /**
     * The native build's zip, relative to the project: {@code .ci/native} copies Quarkus's native
     * {@code target/function.zip} here, where the JVM build that follows leaves it alone.
     */
    public static final String NATIVE_ZIP = "target/native/function.zip";
    /** Extra arguments for a native {@code bootstrap}, space-separated (e.g. {@code -XX:MissingRegistrationReportingMode=Warn}). */
    public static final String NATIVE_ARGS_PROPERTY = "portico.native.args";
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10); // Lambda's limit for the init phase

    /**
     * How to run the function. {@code runtimeClasspathFile} holds the RIC's classpath, written by
     * the build; {@code env} is added to the variables Lambda sets; {@code logs} gets the function's output.
     */
    public record Config(Path zip, Path runtimeClasspathFile, String handler, String functionName, int memoryMb,
                         Duration timeout, String region, Map<String, String> env, OutputStream logs) {

        /**
         * Lambda-like defaults for this project's build output in {@code projectDir/target}: the zip of the build
         * {@link #PACKAGED_PROPERTY} selects.
         */
        public static Config forProject(Path projectDir) {
            Path target = projectDir.resolve("target");
            return new Config(projectDir.resolve(nativeSelected() ? NATIVE_ZIP : JVM_ZIP),
                    target.resolve("lambda-runtime.classpath"),
                    QUARKUS_HANDLER, "portico", 512, Duration.ofSeconds(30), "us-east-1", Map.of(), System.err);
        }

        public Config withZip(Path zip) {
            return new Config(zip, runtimeClasspathFile, handler, functionName, memoryMb, timeout, region, env, logs);
        }

        public Config withEnv(Map<String, String> env) {
            return new Config(zip, runtimeClasspathFile, handler, functionName, memoryMb, timeout, region, env, logs);
        }

        public Config withMemoryMb(int memoryMb) {
            return new Config(zip, runtimeClasspathFile, handler, functionName, memoryMb, timeout, region, env, logs);
        }

        public Config withLogs(OutputStream logs) {
            return new Config(zip, runtimeClasspathFile, handler, functionName, memoryMb, timeout, region, env, logs);
        }

        String functionArn() {
            return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName;
        }
    }

    /** The runtime client loads its native library from here when set, instead of unpacking it to one fixed file. */
    private static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final RuntimeApiEmulator runtimeApi;
    private final Process process;
    private Path tempDir;
    private final Path javaHome;
    private final Duration maxWait;
    private final long startNanos;
    private volatile Duration coldStart;

    private PackagedFunction(RuntimeApiEmulator runtimeApi, Process process, Path javaHome, Duration maxWait,
                             long startNanos) {
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.javaHome = javaHome;
        this.maxWait = maxWait;
        this.startNanos = startNanos;
    }

    /** Whether {@link #PACKAGED_PROPERTY} selects the native build. */
    public static boolean nativeSelected() {
        String selected = System.getProperty(PACKAGED_PROPERTY, "jvm").strip();
        if (!selected.equals("jvm") && !selected.equals("native")) {
            throw new IllegalArgumentException(PACKAGED_PROPERTY + "=" + selected + ": expected jvm or native");
        }
        return selected.equals("native");
    }

    public static PackagedFunction start(Config config) throws IOException {
        Path taskRoot = unpack(config.zip());
        Path bootstrap = taskRoot.resolve("bootstrap");
        boolean nativeBuild = Files.isRegularFile(bootstrap) && !Files.isDirectory(taskRoot.resolve("lib"));
        String runtimeClasspath = nativeBuild ? "" : readRuntimeClasspath(config.runtimeClasspathFile());
        Path tempDir = nativeBuild ? Files.createTempDirectory("portico-runtime-") : ownTempDir(runtimeClasspath);
        RuntimeApiEmulator runtimeApi = RuntimeApiEmulator.start(config.functionArn(), config.timeout());
        Path javaHome = nativeBuild ? null : runtimeJava();
        ProcessBuilder builder = new ProcessBuilder(nativeBuild ? nativeCommand(bootstrap, config, tempDir)
                : command(javaHome, config, runtimeClasspath, tempDir))
                .directory(taskRoot.toFile()) // the RIC loads the function from its working directory
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(config, taskRoot, runtimeApi.address()));
        if (nativeBuild) {
            builder.environment().remove("AWS_EXECUTION_ENV"); // provided.al2023 sets none
            builder.environment().put("TMPDIR", tempDir.toString());
        }
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            runtimeApi.close();
            deleteRecursively(tempDir);
            throw e;
        }
        pump(process, config.logs());
        process.onExit().thenAccept(exited -> runtimeApi.terminate(
                Result.error("Runtime.ExitError", "Runtime exited with exit status " + exited.exitValue())));
        PackagedFunction function = new PackagedFunction(runtimeApi, process, javaHome,
                INIT_TIMEOUT.plus(config.timeout()), startNanos);
        function.tempDir = tempDir;
        return function;
    }

    /**
     * A temporary directory of this runtime process's own, holding the runtime client's native library. Left to
     * itself the client unpacks the library to one fixed file in the system temp directory, and two runtimes started
     * at once overwrite the library under each other (SIGBUS in {@code JniHelper.unpackAndLoad}).
     */
    private static Path ownTempDir(String runtimeClasspath) throws IOException {
        Path dir = Files.createTempDirectory("portico-runtime-");
        String library = nativeLibraryName();
        for (String entry : runtimeClasspath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                continue;
            }
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(entry)) {
                ZipEntry found = jar.getEntry("jni/" + library);
                if (found != null) {
                    try (var in = jar.getInputStream(found)) {
                        Files.copy(in, dir.resolve("libaws-lambda-jni.so"));
                    }
                    return dir;
                }
            }
        }
        return dir; // not found: the client unpacks it itself, as before
    }

    private static String nativeLibraryName() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(path -> path.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            musl = false;
        }
        return "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
    }

    /**
     * Invokes the function with one event and waits for its result.
     *
     * @throws java.util.concurrent.CompletionException if the runtime did not even start on it in time
     */
    public Result invoke(byte[] event) {
        Result result = runtimeApi.invoke(event).orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS).join();
        if (coldStart == null) {
            coldStart = Duration.ofNanos(System.nanoTime() - startNanos);
        }
        return result;
    }

    /** The Java home the runtime process was started from ({@link #runtimeJava()}); null for a native build. */
    public Path javaHome() {
        return javaHome;
    }

    /** Whether this is a native build's {@code bootstrap} rather than a JVM under the runtime client. */
    public boolean isNative() {
        return javaHome == null;
    }

    /** The process's peak resident memory ({@code VmHWM}) in kB, while it runs (Linux); empty elsewhere. */
    public Optional<Long> peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * CPU time the process has used so far, user and system, all its threads (JIT compilers and collectors too), in
     * milliseconds, from {@code /proc/<pid>/stat} (Linux, in clock ticks of 10 ms); empty elsewhere. On a Lambda
     * function of less than one vCPU this, more than the wall clock of a start on a larger machine, is what the start
     * costs.
     */
    public Optional<Long> cpuTimeMs() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
            return Optional.of(ticks * 10);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The executable the runtime process runs, as the operating system reports it. */
    public Optional<String> processCommand() {
        return process.info().command();
    }

    /** The runtime process's id, to read what the operating system reports of it (its memory, say). */
    public long pid() {
        return process.pid();
    }

    /** The X-Ray trace header Lambda gave the latest invocation ({@code Lambda-Runtime-Trace-Id}). */
    public String lastTraceId() {
        return runtimeApi.lastTraceId();
    }

    /** Time from starting the runtime process to the first result. */
    public Duration coldStart() {
        if (coldStart == null) {
            throw new IllegalStateException("No invocation has finished yet");
        }
        return coldStart;
    }

    @Override
    public void close() {
        process.destroy();
        runtimeApi.close();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            deleteRecursively(tempDir);
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The Java home the function runs on, the runtime's own Java where this machine has it: the
     * {@value #JAVA_HOME_PROPERTY} property if set; else a Java {@value #RUNTIME_JAVA} in the JVM running this
     * code or in one of the usual install folders; else, when none is installed, the JVM running this code (which
     * compiled the function, so it is newer than the runtime's Java).
     */
    public static Path runtimeJava() {
        String configured = System.getProperty(JAVA_HOME_PROPERTY, "");
        if (!configured.isBlank()) {
            Path home = Path.of(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException(JAVA_HOME_PROPERTY + "=" + configured + " has no bin/java");
            }
            return home;
        }
        Path current = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() == RUNTIME_JAVA) {
            return current;
        }
        for (String folder : JDK_FOLDERS) {
            try (Stream<Path> homes = Files.list(Path.of(folder))) {
                var found = homes.map(home -> Files.isDirectory(home.resolve("Contents/Home")) ? home.resolve("Contents/Home") : home)
                        .filter(home -> javaFeature(home) == RUNTIME_JAVA && Files.isExecutable(home.resolve("bin/java")))
                        .sorted().findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                // no such folder here
            }
        }
        return current;
    }

    /** The feature release of the Java at {@code home}, from its {@code release} file; 0 when unknown. */
    public static int javaFeature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                Matcher m = JAVA_VERSION.matcher(line);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * How provided.al2023 starts a custom runtime: {@code $LAMBDA_TASK_ROOT/bootstrap}, from the task root. Here with
     * the heap bound the JVM gets ({@code -Xmx}, 85% of the function's memory), which stands in for the function's
     * small VM (a native image sizes its heap from physical memory), this process's own temp directory, and the
     * {@value #NATIVE_ARGS_PROPERTY} arguments if any.
     */
    private static List<String> nativeCommand(Path bootstrap, Config config, Path tempDir) throws IOException {
        bootstrap.toFile().setExecutable(true); // unzipping keeps no file modes
        long maxHeapKb = config.memoryMb() * 1024L * 85 / 100;
        List<String> command = new java.util.ArrayList<>(List.of(bootstrap.toAbsolutePath().toString(), "-Xmx" + maxHeapKb + "k",
                "-Djava.io.tmpdir=" + tempDir));
        String extra = System.getProperty(NATIVE_ARGS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        return command;
    }

    /**
     * Approximates how Lambda's java25 runtime launches the JVM, in an execution environment whose memory is the
     * function's ("Memory is the amount of memory available to your Lambda function at runtime", Lambda developer
     * guide, "Configure Lambda function memory"). {@code -XX:MaxRAM} stands in for that small machine: without it the
     * JVM would size its first heap from this host's memory (a 64th of it, here far more than a 256 MB function has),
     * collect far less often than on Lambda, and show a peak RSS that Lambda never sees.
     */
    private static List<String> command(Path javaHome, Config config, String runtimeClasspath, Path tempDir) {
        String java = javaHome.resolve("bin").resolve("java").toString();
        long maxHeapKb = config.memoryMb() * 1024L * 85 / 100;
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:MaxRAM=" + config.memoryMb() + "m",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxHeapSize=" + maxHeapKb + "k",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true", "-Djava.io.tmpdir=" + tempDir));
        Path library = tempDir.resolve("libaws-lambda-jni.so");
        if (Files.isRegularFile(library)) {
            command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library);
        }
        command.addAll(List.of("-classpath", runtimeClasspath, RUNTIME_MAIN, config.handler()));
        return command;
    }

    private static Map<String, String> lambdaEnvironment(Config config, Path taskRoot, String runtimeApiAddress) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", config.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + RUNTIME);
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.putAll(config.env());
        return env;
    }

    private static String readRuntimeClasspath(Path file) throws IOException {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (the Lambda runtime classpath) is missing: run ./mvnw package");
        }
    }

    /**
     * Unzips {@code zip} next to itself, reusing an earlier copy if the zip did not change since. A new copy is
     * unzipped aside and moved into place whole, so runtimes started at once never see a half-written or
     * half-deleted task directory.
     */
    static synchronized Path unpack(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip + " is missing: build it with ./mvnw package -DskipTests");
        }
        Path stampFile = zip.resolveSibling("lambda-task.stamp");
        String stamp = zip.toRealPath() + " " + Files.size(zip) + " " + Files.getLastModifiedTime(zip);
        Path taskRoot = zip.resolveSibling("lambda-task");
        if (Files.isDirectory(taskRoot) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            return taskRoot;
        }
        Path fresh = Files.createTempDirectory(zip.toAbsolutePath().getParent(), "lambda-task-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = fresh.resolve(entry.getName()).normalize();
                if (!target.startsWith(fresh)) {
                    throw new IOException("Zip entry escapes the task directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path old = zip.resolveSibling("lambda-task-old-" + System.nanoTime());
        if (Files.exists(taskRoot)) {
            Files.move(taskRoot, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, taskRoot, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(stampFile, stamp); // last, so that an interrupted unzip is redone
        try {
            deleteRecursively(old);
        } catch (IOException | UncheckedIOException e) {
            // a runtime still running from the old copy keeps it; it is removed the next time
        }
        return taskRoot;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * When set, every packaged function's output is also appended to this file (one for all functions of the test
     * run): {@code .ci/native} checks it for {@code MissingReflectionRegistrationError}, whatever a test does with the
     * logs it is given.
     */
    public static final String LOG_FILE_PROPERTY = "portico.packaged.log";
    private static OutputStream sharedLog;

    private static synchronized OutputStream sharedLog() throws IOException {
        String file = System.getProperty(LOG_FILE_PROPERTY, "");
        if (file.isBlank()) {
            return OutputStream.nullOutputStream();
        }
        if (sharedLog == null) {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            sharedLog = Files.newOutputStream(path, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return sharedLog;
    }

    private static void pump(Process process, OutputStream logs) {
        Thread pump = new Thread(() -> {
            try {
                OutputStream shared = sharedLog();
                byte[] buffer = new byte[8192];
                for (int n; (n = process.getInputStream().read(buffer)) > 0; ) {
                    logs.write(buffer, 0, n);
                    synchronized (PackagedFunction.class) {
                        shared.write(buffer, 0, n);
                        shared.flush();
                    }
                }
                logs.flush();
            } catch (IOException e) {
                // the process is gone; nothing left to copy
            }
        }, "function-logs");
        pump.setDaemon(true);
        pump.start();
    }
}
