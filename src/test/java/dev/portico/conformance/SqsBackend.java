package dev.portico.conformance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The {@code sqs} backend: ElasticMQ in-process on 127.0.0.1 and a free port, spoken to with SQS's query protocol
 * (form-encoded actions, XML answers) so that the runner needs no AWS SDK of its own.
 */
final class SqsBackend implements AutoCloseable {
    record Message(String body, String md5OfBody) {}

    private static final Pattern BODY = Pattern.compile("<Body>(.*?)</Body>", Pattern.DOTALL);
    private static final Pattern MD5 = Pattern.compile("<MD5OfBody>(.*?)</MD5OfBody>");

    private final SQSRestServer server;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SqsBackend(String accountId) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").withAWSAccountId(accountId).start();
        server.waitUntilStarted();
        url = "http://127.0.0.1:" + port;
    }

    /** The endpoint to give Portico as the {@code sqs} endpoint override. */
    String url() {
        return url;
    }

    void createQueue(String name) throws IOException {
        call(url + "/", "Action=CreateQueue&QueueName=" + name);
    }

    /** Takes the next message off the queue (deleting every message there), if there is one. */
    Optional<Message> takeMessage(String accountId, String name) throws IOException {
        String queueUrl = url + "/" + accountId + "/" + name;
        String answer = call(queueUrl, "Action=ReceiveMessage&MaxNumberOfMessages=1&WaitTimeSeconds=0");
        call(queueUrl, "Action=PurgeQueue");
        Matcher body = BODY.matcher(answer);
        Matcher md5 = MD5.matcher(answer);
        if (!body.find()) {
            return Optional.empty();
        }
        return Optional.of(new Message(unescapeXml(body.group(1)), md5.find() ? md5.group(1) : ""));
    }

    private String call(String target, String form) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("SQS " + form + " -> " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String queueName(String caseId) {
        String name = "conformance-" + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() <= 80 ? name : name.substring(0, 80);
    }

    private static String unescapeXml(String text) {
        return text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#xD;", "\r").replace("&#13;", "\r").replace("&amp;", "&");
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
