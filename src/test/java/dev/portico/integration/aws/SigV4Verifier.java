package dev.portico.integration.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local AWS endpoint that checks Signature Version 4 the way AWS does, from exactly the bytes it received, and
 * answers 403 {@code InvalidSignatureException} (or {@code Signature expired}) when the signature does not hold.
 * It follows "Create a signed AWS API request" and "Elements of an AWS API request signature" (IAM User Guide):
 * <ul>
 * <li>canonical URI: the path as received, each segment URI-encoded once more (every service but S3, whose path
 *     is used as received), after removing {@code .} and {@code ..} segments;</li>
 * <li>canonical query: each name and value percent-decoded as received, then URI-encoded (unreserved characters
 *     {@code A-Z a-z 0-9 - _ . ~} kept, everything else {@code %XY} upper case, space as {@code %20}), sorted by name
 *     then value;</li>
 * <li>canonical headers: each name in {@code SignedHeaders}, lower case, its received values trimmed, runs of
 *     spaces made one, repeated values joined by commas; a signed header not received fails, {@code host} must be
 *     signed and so must every {@code x-amz-*} header received;</li>
 * <li>payload hash: SHA-256 of the body received (after removing chunked framing); when
 *     {@code x-amz-content-sha256} is sent it must equal that hash, and it is the one used;</li>
 * <li>the request time ({@code X-Amz-Date}) must be the scope's date and within five minutes of this endpoint's
 *     clock.</li>
 * </ul>
 * It keeps everything it received, can drop a request unanswered (a keep-alive connection closed by the far end)
 * and can refuse a signature it has already accepted, so a retry that does not sign again fails.
 */
final class SigV4Verifier implements AutoCloseable {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** One request as it arrived, and the verdict. */
    record Received(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
                    boolean chunked, String verdict, String signature) {
        boolean accepted() {
            return verdict.isEmpty();
        }

        List<String> headerNames() {
            return headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).toList();
        }

        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    private final Map<String, String> secrets;
    private final Clock clock;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seenSignatures = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropReused = new AtomicInteger();
    private volatile boolean refuseReplays;
    private volatile Function<Received, byte[]> answer = r -> "{}".getBytes(StandardCharsets.UTF_8);

    private SigV4Verifier(Map<String, String> secrets, Clock clock) throws IOException {
        this.secrets = secrets;
        this.clock = clock;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "sigv4-verifier");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts access key {@code test} with secret {@code test} (Portico's keys for endpoint overrides). */
    static SigV4Verifier start() throws IOException {
        Map<String, String> secrets = new ConcurrentHashMap<>();
        secrets.put("test", "test");
        return new SigV4Verifier(secrets, Clock.systemUTC());
    }

    /** Accepts signatures made with {@code accessKey} and {@code secret} too. */
    void accept(String accessKey, String secret) {
        secrets.put(accessKey, secret);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What an accepted request gets as its 200 body. */
    SigV4Verifier answering(Function<Received, byte[]> body) {
        this.answer = body;
        return this;
    }

    /** Closes the connection without answering the next {@code count} requests that arrive on a reused connection. */
    void dropNextOnReusedConnection(int count) {
        dropReused.set(count);
    }

    /** Refuses a request whose signature was accepted before: only a request signed anew passes. */
    void refuseReplays() {
        refuseReplays = true;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received last() {
        List<Received> all = received();
        return all.get(all.size() - 1);
    }

    /** Forgets what it received and every fault or refusal asked for. */
    void clear() {
        received.clear();
        seenSignatures.clear();
        refuseReplays = false;
        dropReused.set(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "sigv4-verifier-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int served = 0;
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ", 3);
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.add(Map.entry(header.substring(0, colon), header.substring(colon + 1).strip()));
                }
                boolean chunked = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("transfer-encoding")
                        && h.getValue().toLowerCase(Locale.ROOT).contains("chunked"));
                byte[] body = chunked ? chunkedBody(in) : fixedBody(in, headers);
                if (served > 0 && dropReused.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    received.add(new Received(parts[0], parts[1], headers, body, chunked, "dropped", null));
                    return;
                }
                served++;
                String signature = signatureOf(headers);
                String verdict = verify(parts[0], parts[1], headers, body);
                if (verdict.isEmpty() && refuseReplays && !seenSignatures.add(signature)) {
                    verdict = "replayed signature";
                } else if (verdict.isEmpty()) {
                    seenSignatures.add(signature);
                }
                Received request = new Received(parts[0], parts[1], List.copyOf(headers), body, chunked, verdict,
                        signature);
                received.add(request);
                byte[] reply;
                String head;
                if (verdict.isEmpty()) {
                    reply = answer.apply(request);
                    head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
                } else {
                    reply = ("{\"message\":\"" + verdict.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
                    head = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n"
                            + "x-amzn-ErrorType: InvalidSignatureException\r\n";
                }
                out.write((head + "Content-Length: " + reply.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(reply);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent what no HTTP/1.1 client sends: this connection ends
        }
    }

    /** Empty when the signature holds; else why not, as AWS would say it. */
    String verify(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        String authorization = single(headers, "authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return "Missing Authentication Token";
        }
        Map<String, String> fields = new java.util.HashMap<>();
        for (String field : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] kv = field.strip().split("=", 2);
            fields.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        String[] credential = fields.getOrDefault("Credential", "").split("/");
        if (credential.length != 5 || !credential[4].equals("aws4_request")) {
            return "Credential should be scoped correctly";
        }
        String secret = secrets.get(credential[0]);
        if (secret == null) {
            return "The security token included in the request is invalid";
        }
        List<String> signedHeaders = List.of(fields.getOrDefault("SignedHeaders", "").split(";"));
        if (!signedHeaders.contains("host")) {
            return "'Host' must be a signed header";
        }
        List<String> sorted = new ArrayList<>(signedHeaders);
        Collections.sort(sorted);
        if (!sorted.equals(signedHeaders)) {
            return "SignedHeaders are not in order";
        }
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            names.add(name);
            if (name.startsWith("x-amz-") && !signedHeaders.contains(name)) {
                return "header " + name + " is not signed";
            }
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            if (!names.contains(name)) {
                return "signed header " + name + " was not received";
            }
            List<String> values = headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().strip().replaceAll(" +", " ")).toList();
            canonicalHeaders.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        String amzDate = single(headers, "x-amz-date");
        if (amzDate == null || !amzDate.startsWith(credential[1])) {
            return "Date in Credential scope does not match the request date";
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(SKEW) > 0) {
            return "Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(clock.instant().minus(SKEW));
        }
        String bodyHash = sha256Hex(body);
        String declaredHash = single(headers, "x-amz-content-sha256");
        if (declaredHash != null && !declaredHash.equals("UNSIGNED-PAYLOAD") && !declaredHash.equals(bodyHash)) {
            return "The provided 'x-amz-content-sha256' header does not match what was computed.";
        }
        String service = credential[3];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        String canonicalRequest = String.join("\n", method,
                service.equals("s3") ? path : encodePath(normalize(path)),
                canonicalQuery(query), canonicalHeaders, String.join(";", signedHeaders),
                declaredHash != null ? declaredHash : bodyHash);
        String scope = String.join("/", credential[1], credential[2], credential[3], credential[4]);
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), credential[1]);
        key = hmac(key, credential[2]);
        key = hmac(key, credential[3]);
        key = hmac(key, "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        if (!expected.equals(fields.get("Signature"))) {
            return "The request signature we calculated does not match the signature you provided. "
                    + "The Canonical String for this request should have been '" + canonicalRequest + "'";
        }
        return "";
    }

    private static String normalize(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                if (!segments.isEmpty()) segments.remove(segments.size() - 1);
            } else if (!segment.equals(".")) {
                segments.add(segment);
            }
        }
        String joined = String.join("/", segments);
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    private static String encodePath(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("/", -1)).map(SigV4Verifier::uriEncode).toList());
    }

    private static String canonicalQuery(String query) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {uriEncode(name), uriEncode(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) out.append('&');
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Percent-decoding only: a {@code +} is a plus sign, as AWS reads the query. */
    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** SigV4's URI encoding: unreserved characters kept, every other byte {@code %XY}. */
    static String uriEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String signatureOf(List<Map.Entry<String, String>> headers) {
        String authorization = single(headers, "authorization");
        int at = authorization == null ? -1 : authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length()).strip();
    }

    private static String single(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static byte[] fixedBody(InputStream in, List<Map.Entry<String, String>> headers) throws IOException {
        String length = single(headers, "content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.strip()));
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not part of the payload
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
