package dev.portico.packaged;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A backend on a raw socket of 127.0.0.1 that answers each request as its behaviour says, down to the byte: the
 * misbehaviours an HTTP client library would never let a well-behaved server commit. A request is routed by its
 * first path segment, its {@code Action} query parameter (as AWS query-protocol services are called) or the function
 * it invokes (Lambda's Invoke API, {@code POST /2015-03-31/functions/NAME/invocations}); the
 * connection stays open for the next request unless the behaviour closes it, so that an answer that leaves bytes
 * behind would show in the next one. {@link #tls} serves the same over TLS with a self-signed certificate.
 */
final class HostileServer implements AutoCloseable {
    private static final Pattern TARGET = Pattern.compile("^[A-Z]+ (/[^/?\\s]*)?[^?\\s]*(\\?\\S*)?");
    private static final Pattern ACTION = Pattern.compile("[?&]Action=([^&\\s]+)");
    private static final Pattern INVOKE = Pattern.compile("^POST /2015-03-31/functions/(?:[^/\\s]*(?::|%3A))?([^/:%\\s]+)/invocations");
    /** How long a hanging behaviour holds its connection: past every deadline in the suite. */
    static final long HANG_MILLIS = 60_000;

    /** What the server does with one request whose head it has read. */
    @FunctionalInterface
    interface Behaviour {
        void answer(Socket socket, HostileServer server) throws IOException, InterruptedException;
    }

    /** What the server does with a connection before reading anything of it. */
    @FunctionalInterface
    interface Connection {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final String scheme;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();

    private HostileServer(ServerSocket server, String scheme, Connection connection) {
        this.server = server;
        this.scheme = scheme;
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            connection.serve(socket);
                        } catch (IOException | InterruptedException e) {
                            // the client hung up, as it should on most of these
                        }
                    }, "hostile-backend");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "hostile-backend-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Plain HTTP: each request to {@code /NAME...} or {@code ?Action=NAME} gets {@code behaviours.get(NAME)}. */
    static HostileServer http(Map<String, Behaviour> behaviours) {
        HostileServer[] self = new HostileServer[1];
        self[0] = new HostileServer(plainSocket(), "http", socket -> self[0].dispatch(socket, behaviours));
        return self[0];
    }

    /** A server that does with each connection what {@code connection} says, reading nothing first. */
    static HostileServer raw(Connection connection) {
        return new HostileServer(plainSocket(), "http", connection);
    }

    /** HTTPS with a self-signed certificate for 127.0.0.1 (made by the JDK's keytool into {@code dir}). */
    static HostileServer tls(Path dir, Map<String, Behaviour> behaviours) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(selfSigned(dir).getKeyManagers(), null, null);
            ServerSocket socket = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            HostileServer[] self = new HostileServer[1];
            self[0] = new HostileServer(socket, "https", connection -> self[0].dispatch(connection, behaviours));
            return self[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyManagerFactory selfSigned(Path dir) throws IOException, InterruptedException,
            java.security.GeneralSecurityException {
        Path store = dir.resolve("hostile-backend.p12");
        String password = "hostile";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-alias", "hostile", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "1").redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool: " + said);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password.toCharArray());
        return factory;
    }

    private static ServerSocket plainSocket() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dispatch(Socket socket, Map<String, Behaviour> behaviours) throws IOException, InterruptedException {
        for (String head; !socket.isClosed() && (head = readHead(socket)) != null; ) {
            skipBody(socket, head);
            String name = name(head);
            requests.computeIfAbsent(name, ignored -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = behaviours.get(name);
            if (behaviour == null) {
                send(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            } else {
                behaviour.answer(socket, this);
            }
        }
    }

    static String name(String head) {
        Matcher invoke = INVOKE.matcher(head);
        if (invoke.find()) {
            return invoke.group(1);
        }
        Matcher action = ACTION.matcher(head.lines().findFirst().orElse(""));
        if (action.find()) {
            return action.group(1);
        }
        Matcher target = TARGET.matcher(head);
        return target.find() && target.group(1) != null ? target.group(1).substring(1) : "";
    }

    /** Reads a request head up to its blank line; null when the client closed the connection first. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            head.append((char) b); // ISO-8859-1: one char a byte
            if (b == '\n' && head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return head.toString();
            }
        }
        return null;
    }

    private static void skipBody(Socket socket, String head) throws IOException {
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            socket.getInputStream().readNBytes(Integer.parseInt(length.group(1)));
        }
    }

    /** Writes {@code text} as it is (ISO-8859-1) and flushes it. */
    void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        bytesSent.addAndGet(bytes.length);
    }

    /** A well-formed answer: status, one header per entry of {@code headers}, the body with its length. */
    static Behaviour answer(int status, String body, String... headers) {
        return (socket, server) -> {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Whatever\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            server.send(socket, head.toString());
            server.send(socket, bytes);
        };
    }

    /** Writes {@code text} as it is, then closes the connection. */
    static Behaviour rawThenClose(String text) {
        return (socket, server) -> {
            server.send(socket, text);
            socket.close();
        };
    }

    /** Reads the request, then says nothing, holding the connection open. */
    static Behaviour hang() {
        return (socket, server) -> {
            Thread.sleep(HANG_MILLIS);
            socket.close();
        };
    }

    /** Writes {@code head} a byte every {@code everyMillis}, then {@code rest} the same way. */
    static Behaviour trickle(String text, long everyMillis) {
        return (socket, server) -> {
            long until = System.currentTimeMillis() + HANG_MILLIS;
            for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                server.send(socket, new byte[] {b});
                Thread.sleep(everyMillis);
                if (System.currentTimeMillis() > until) {
                    break;
                }
            }
            socket.close();
        };
    }

    /** Writes {@code head}, then zeros without end, 64 KB at a time, until the client hangs up. */
    static Behaviour endless(String head) {
        return (socket, server) -> {
            server.send(socket, head);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'A');
            boolean chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
            byte[] frame = chunked ? frame(chunk) : chunk;
            long until = System.currentTimeMillis() + HANG_MILLIS;
            while (System.currentTimeMillis() < until) {
                server.send(socket, frame);
            }
            socket.close();
        };
    }

    private static byte[] frame(byte[] chunk) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        framed.writeBytes(chunk);
        framed.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return framed.toByteArray();
    }

    /** {@code 127.0.0.1:PORT}, which must never be seen by a caller. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    String url() {
        return scheme + "://" + address();
    }

    /** Requests received for {@code name} so far. */
    int requests(String name) {
        AtomicInteger count = requests.get(name);
        return count == null ? 0 : count.get();
    }

    /** Bytes written to every client so far. */
    long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
