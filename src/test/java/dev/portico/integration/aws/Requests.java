package dev.portico.integration.aws;

import dev.portico.event.CallerFormat;
import dev.portico.event.Headers;
import dev.portico.event.IncomingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Decoded client requests for tests, as a REST API proxy event would give them. */
final class Requests {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Headers headers = new Headers();
    private byte[] body;

    private Requests(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Requests of(String method, String path) {
        return new Requests(method, path);
    }

    Requests query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    Requests header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    Requests body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    IncomingRequest build() {
        return new IncomingRequest(CallerFormat.REST_V1, method, path, query, headers.freeze(),
                body == null ? new byte[0] : body, body != null, "127.0.0.1", UUID.randomUUID().toString(),
                System.currentTimeMillis(), "api.example.com");
    }
}
