package dev.portico.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The daemon's wire format ("Sending segment documents to the X-Ray daemon", X-Ray developer guide,
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon: a JSON header line,
 * a newline, the segment document) and the daemon address Lambda gives (AWS_XRAY_DAEMON_ADDRESS).
 */
public final class XRayTracerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Receives one datagram and checks it the way the daemon reads it: the header {@code {"format": "json",
     * "version": 1}}, a newline, then one segment document with the fields "AWS X-Ray segment documents" requires
     * ({@code name}, {@code id} of 16 hex digits, {@code trace_id}, {@code start_time}, {@code end_time}) and those a
     * separately sent subsegment needs ({@code type: subsegment}, {@code parent_id}).
     */
    public static JsonNode receive(DatagramSocket daemon) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        daemon.receive(packet);
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        assertTrue(newline > 0, text);
        JsonNode header = JSON.readTree(text.substring(0, newline));
        assertEquals("json", header.get("format").asText(), text);
        assertEquals(1, header.get("version").asInt(), text);
        JsonNode segment = JSON.readTree(text.substring(newline + 1));
        assertTrue(segment.get("name").asText().length() <= 200, text);
        assertTrue(segment.get("id").asText().matches("[0-9a-f]{16}"), text);
        assertTrue(segment.get("trace_id").asText().matches("1-[0-9a-f]{8}-[0-9a-f]{24}"), text);
        assertTrue(segment.get("parent_id").asText().matches("[0-9a-f]{16}"), text);
        assertEquals("subsegment", segment.get("type").asText(), text);
        assertTrue(segment.get("start_time").isNumber() && segment.get("end_time").isNumber(), text);
        assertTrue(segment.get("start_time").asDouble() > 1e9, "epoch seconds: " + text);
        return segment;
    }

    @Test
    void daemonAddressesInBothForms() {
        assertEquals(2000, XRayTracer.parseAddress("169.254.79.129:2000").getPort());
        assertEquals("169.254.79.129", XRayTracer.parseAddress("169.254.79.129:2000").getHostString());
        assertEquals(2001, XRayTracer.parseAddress("tcp:127.0.0.1:2000 udp:127.0.0.2:2001").getPort());
        assertEquals("127.0.0.2",
                XRayTracer.parseAddress("tcp:127.0.0.1:2000 udp:127.0.0.2:2001").getHostString());
        assertThrows(IllegalArgumentException.class, () -> XRayTracer.parseAddress("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> XRayTracer.parseAddress("host:port"));
        assertEquals(XRayTracer.DEFAULT_DAEMON.replace(":2000", ""),
                new XRayTracer(null).daemon().getHostString());
    }
}
