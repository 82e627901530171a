package dev.portico.integration.aws;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * Local stand-ins for AWS services on 127.0.0.1 with free ports: ElasticMQ (SQS) in-process, and dynalite
 * (DynamoDB), kinesalite (Kinesis) and s3rver (S3) as Node processes from src/test/aws-local, whose
 * node_modules are installed with {@code npm ci} when missing. Closing stops everything started.
 */
final class LocalServices implements AutoCloseable {
    private static final Path NODE_PROJECT = Path.of("src/test/aws-local").toAbsolutePath();

    private final List<Process> processes = new ArrayList<>();
    private final List<SQSRestServer> sqsServers = new ArrayList<>();

    /** ElasticMQ; returns its endpoint. */
    String sqs(String accountId) throws IOException {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSAccountId(accountId).start();
        server.waitUntilStarted();
        sqsServers.add(server);
        return "http://127.0.0.1:" + port;
    }

    String dynamodb() throws IOException {
        int port = freePort();
        return node(port, "dynalite", "--host", "127.0.0.1", "--port", Integer.toString(port));
    }

    String kinesis() throws IOException {
        int port = freePort();
        return node(port, "kinesalite", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0");
    }

    /** s3rver; it checks signatures against the credentials S3RVER / S3RVER. */
    String s3() throws IOException {
        int port = freePort();
        Path directory = Files.createTempDirectory("s3rver");
        return node(port, "s3rver", "--address", "127.0.0.1", "--port", Integer.toString(port),
                "--directory", directory.toString(), "--silent");
    }

    private String node(int port, String tool, String... args) throws IOException {
        installModules();
        List<String> command = new ArrayList<>(List.of("node", NODE_PROJECT.resolve("node_modules/.bin/" + tool).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        waitForPort(port, process, tool);
        return "http://127.0.0.1:" + port;
    }

    private static synchronized void installModules() throws IOException {
        if (Files.isDirectory(NODE_PROJECT.resolve("node_modules/.bin"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(new File(NODE_PROJECT.toFile(), "npm-ci.log")).start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm ci failed in " + NODE_PROJECT + " (see npm-ci.log there)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during npm ci", e);
        }
    }

    private static void waitForPort(int port, Process process, String tool) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException(tool + " exited with " + process.exitValue());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException(tool + " did not listen on port " + port + " within 20 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        sqsServers.forEach(SQSRestServer::stopAndWait);
    }
}
