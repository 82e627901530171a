package dev.portico.route.source;

import dev.portico.integration.aws.OverrideCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, a DynamoDB in a Node.js process, listening on a free port of 127.0.0.1 and keeping its data in
 * memory. The first use on a fresh clone installs it from src/test/dynalite/package-lock.json with npm ci.
 * Register it with {@code @RegisterExtension} for one instance per test class, or {@link #start()} one.
 */
public final class Dynalite implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Path HOME = Path.of("src/test/dynalite");
    private static final Path CLI = HOME.resolve("node_modules/dynalite/cli.js");

    static {
        // dynalite accepts any signature; setting these keeps the SDK's default chain from looking further.
        System.setProperty("aws.accessKeyId", "portico-test");
        System.setProperty("aws.secretAccessKey", "portico-test");
    }

    private Process process;
    private int port;

    public static Dynalite start() {
        Dynalite dynalite = new Dynalite();
        dynalite.launch();
        return dynalite;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client as the route source builds it, pointed at this dynalite. */
    public DynamoDbClient client() {
        return DynamoDbClients.create("us-east-1", Optional.of(endpoint()),
                OverrideCredentials.provider(System::getenv));
    }

    /** Stops the process; its data is gone. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        try {
            install();
            port = freePort();
            Path log = Path.of("target", "dynalite-" + port + ".log");
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder("node", CLI.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitPort(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.exists(CLI)) {
            return;
        }
        // Never inherit this JVM's standard input: it is surefire's command channel, and node switches an
        // inherited stdin to non-blocking mode, which breaks the test fork ("std/in stream corrupted").
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefix", HOME.toString())
                .redirectErrorStream(true).redirectOutput(HOME.resolve("npm-ci.log").toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + HOME + " failed (see npm-ci.log there)");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within 30 s");
    }
}
