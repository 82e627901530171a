package dev.portico.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.Trace;
import dev.portico.route.AwsServiceUri;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records each integration call as an X-Ray subsegment and sends it to the X-Ray daemon over UDP, as the X-Ray
 * SDKs do ("Sending segment documents to the X-Ray daemon": a header line {@code {"format": "json", "version":
 * 1}}, a newline, then the document; documents of at most 64 kB) at the address Lambda gives in
 * {@code AWS_XRAY_DAEMON_ADDRESS}. The document is an independent subsegment ("AWS X-Ray segment documents",
 * "Sending subsegments": {@code type: subsegment}, the {@code trace_id}, the {@code parent_id} of the segment it
 * belongs to), with the route and integration type as annotations, {@code http.request}/{@code http.response},
 * and {@code error} (4xx), {@code throttle} (429) or {@code fault} (5xx, or no answer).
 *
 * <p>Only sampled traces are recorded ({@code Sampled=1}): the request's own when its caller traced it (API
 * Gateway's segment, or an instrumented client's), else the function's own Lambda trace when Lambda sampled the
 * invocation (behind an ALB, whose {@code X-Amzn-Trace-Id} names no parent segment). In the request's trace the
 * endpoint gets the subsegment's id as its {@code Parent}, so its own segments nest under the call. Sending never
 * fails a request: a daemon that is not there loses the segment, as with the SDKs.
 */
public final class XRayTracer {
    private static final Logger LOG = Logger.getLogger(XRayTracer.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] HEADER = "{\"format\": \"json\", \"version\": 1}\n".getBytes(StandardCharsets.UTF_8);
    /** The daemon's limit on one document. */
    static final int MAX_DOCUMENT = 64 * 1024;
    /** What Lambda and the daemon use when {@code AWS_XRAY_DAEMON_ADDRESS} is not set. */
    public static final String DEFAULT_DAEMON = "127.0.0.1:2000";
    private static final int MAX_NAME = 200;

    private final InetSocketAddress daemon;
    private final DatagramChannel channel;
    private volatile boolean warned;

    /** @param daemonAddress {@code host:port}, or the daemon's {@code tcp:host:port udp:host:port} form */
    public XRayTracer(String daemonAddress) {
        this.daemon = parseAddress(daemonAddress == null || daemonAddress.isBlank() ? DEFAULT_DAEMON : daemonAddress);
        try {
            this.channel = DatagramChannel.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket for the X-Ray daemon: " + e.getMessage(), e);
        }
    }

    static InetSocketAddress parseAddress(String address) {
        String udp = address.strip();
        for (String part : udp.split("\\s+")) {
            if (part.startsWith("udp:")) {
                udp = part.substring(4);
            }
        }
        int colon = udp.lastIndexOf(':');
        if (colon <= 0 || udp.startsWith("tcp:")) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS: '" + address + "' is not host:port");
        }
        try {
            int port = Integer.parseInt(udp.substring(colon + 1));
            return new InetSocketAddress(udp.substring(0, colon), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS: '" + address + "' is not host:port", e);
        }
    }

    public InetSocketAddress daemon() {
        return daemon;
    }

    /** One call being recorded. */
    public final class Call {
        private final Trace into;
        private final String id;
        private final long startMillis;
        private final long startNanos;

        Call(Trace into, String id) {
            this.into = into;
            this.id = id;
            this.startMillis = System.currentTimeMillis();
            this.startNanos = System.nanoTime();
        }

        /** Sends the subsegment, with the endpoint's status (-1 when it gave none). Never throws. */
        public void end(Invocation invocation, int status) {
            long nanos = System.nanoTime() - startNanos;
            try {
                send(document(invocation, status, nanos));
            } catch (RuntimeException | IOException e) {
                warnOnce(e);
            }
        }

        private byte[] document(Invocation invocation, int status, long nanos) throws IOException {
            IntegrationDefinition integration = invocation.route().integration();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            bytes.write(HEADER);
            try (JsonGenerator json = JSON.createGenerator(bytes)) {
                json.writeStartObject();
                json.writeStringField("name", cap(name(invocation)));
                json.writeStringField("id", id);
                json.writeStringField("trace_id", into.root());
                json.writeStringField("parent_id", into.parent());
                json.writeStringField("type", "subsegment");
                json.writeNumberField("start_time", startMillis / 1000.0);
                json.writeNumberField("end_time", (startMillis + TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0) / 1000.0);
                json.writeStringField("namespace", integration.type() == IntegrationType.AWS
                        || integration.type() == IntegrationType.AWS_PROXY ? "aws" : "remote");
                if (status < 0) {
                    json.writeBooleanField("fault", true);
                } else if (status >= 500) {
                    json.writeBooleanField("fault", true);
                } else if (status == 429) {
                    json.writeBooleanField("error", true);
                    json.writeBooleanField("throttle", true);
                } else if (status >= 400) {
                    json.writeBooleanField("error", true);
                }
                json.writeObjectFieldStart("http");
                json.writeObjectFieldStart("request");
                json.writeStringField("method", integration.httpMethod() == null || integration.httpMethod()
                        .equalsIgnoreCase("ANY") ? invocation.request().httpMethod() : integration.httpMethod());
                String url = url(integration);
                if (url != null) {
                    json.writeStringField("url", cap(url));
                }
                json.writeEndObject();
                if (status >= 0) {
                    json.writeObjectFieldStart("response");
                    json.writeNumberField("status", status);
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeObjectFieldStart("annotations");
                json.writeStringField("route", cap(invocation.route().name()));
                json.writeStringField("integration", integration.type().name());
                json.writeStringField("stage", cap(invocation.settings().stage()));
                json.writeEndObject();
                json.writeEndObject();
            }
            return bytes.toByteArray();
        }
    }

    /**
     * Starts recording the integration call of {@code invocation}, or returns null when nothing is to be recorded
     * (the trace not sampled, a MOCK integration, which calls nothing).
     *
     * @param lambdaTrace the function's own trace header, or null
     */
    public Call start(Invocation invocation, String lambdaTrace) {
        if (invocation.route() == null || invocation.route().integration().type() == IntegrationType.MOCK) {
            return null;
        }
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        Trace own = invocation.trace();
        if ("1".equals(own.sampled())) {
            invocation.downstreamParent(id);
            return new Call(own, id);
        }
        if (lambdaTrace != null) {
            Trace lambda = Trace.of(lambdaTrace);
            if ("1".equals(lambda.sampled())) {
                return new Call(lambda, id);
            }
        }
        return null;
    }

    private void send(byte[] document) throws IOException {
        if (document.length > MAX_DOCUMENT) {
            throw new IOException("a segment of " + document.length + " bytes is over the daemon's 64 kB");
        }
        channel.send(ByteBuffer.wrap(document), daemon);
    }

    private void warnOnce(Exception e) {
        if (!warned) {
            warned = true;
            LOG.warnf("X-Ray segment not sent to %s: %s (further failures are not logged)", daemon, e.toString());
        }
    }

    /** The node the call shows as: the endpoint's host, or the AWS service's name. */
    private static String name(Invocation invocation) {
        IntegrationDefinition integration = invocation.route().integration();
        if (integration.type() == IntegrationType.AWS || integration.type() == IntegrationType.AWS_PROXY) {
            try {
                AwsServiceUri uri = integration.awsUri(invocation.settings().stageVariables());
                return uri.lambdaFunction() != null ? "Lambda" : uri.service();
            } catch (RuntimeException e) {
                return "aws";
            }
        }
        // the uri holds {param} placeholders, which java.net.URI refuses: read the host by hand
        String uri = integration.uri() == null ? "" : integration.uri();
        int scheme = uri.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        int to = from;
        while (to < uri.length() && "/?#".indexOf(uri.charAt(to)) < 0) {
            to++;
        }
        String authority = uri.substring(from, to);
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d*$", "");
        return host.isEmpty() || host.contains("$") ? "http" : host;
    }

    /** The integration's uri as the route table writes it (no query values of the request, no credentials). */
    private static String url(IntegrationDefinition integration) {
        String uri = integration.uri();
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        return (query < 0 ? uri : uri.substring(0, query)).replaceFirst("//[^/@]*@", "//");
    }

    private static String cap(String value) {
        return value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}
