package dev.portico.integration.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A raw socket server on 127.0.0.1 that misbehaves as told, for the fault cases. */
final class FaultServer implements AutoCloseable {

    @FunctionalInterface
    interface Behaviour {
        /** @param connection 0 for the first connection accepted, 1 for the next... */
        void serve(Socket socket, int connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    FaultServer(Behaviour behaviour) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int index = connections.getAndIncrement();
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            behaviour.serve(socket, index);
                        } catch (IOException | InterruptedException e) {
                            // the client went away: nothing to do
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Reads one request head (and nothing after it); null when the client closed the connection first. */
    String readHead(Socket socket) throws IOException {
        String head = awaitRequest(socket);
        if (head != null) {
            requests.incrementAndGet();
        }
        return head;
    }

    /**
     * Waits for the request head before a behaviour misbehaves, as a real server would: an answer written before
     * the client has sent its request races with the client's own write.
     */
    static String awaitRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Closes with a TCP reset rather than an orderly FIN. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
