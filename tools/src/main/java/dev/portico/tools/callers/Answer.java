package dev.portico.tools.callers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A function's answer decoded from the caller's response format into what the client gets.
 *
 * @param raw           the answer JSON as Portico returned it
 * @param shapeProblems violations of the caller's response-format rules (FORMAT.md), one line each
 */
public record Answer(int status, HeaderList headers, byte[] body, JsonNode raw, List<String> shapeProblems) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
