package dev.portico.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Portico's answer to one run, decoded from the caller's response format into what the client would have got.
 *
 * @param raw           the answer JSON as Portico returned it
 * @param shapeProblems violations of the caller's response-format rules (FORMAT.md), one line each
 */
record Answer(int status, HeaderList headers, byte[] body, JsonNode raw, List<String> shapeProblems) {

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
