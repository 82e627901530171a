package dev.portico.conformance;

import dev.portico.tools.callers.HeaderList;
import java.nio.charset.StandardCharsets;

/** What a stub backend received: {@code query} is the raw query string ("" when none). */
record RecordedRequest(String method, String path, String query, HeaderList headers, byte[] body) {

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String describe() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
}
