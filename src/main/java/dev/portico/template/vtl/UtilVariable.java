package dev.portico.template.vtl;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.lang3.StringEscapeUtils;

/** {@code $util}: the functions API Gateway's mapping template reference lists; stateless and shared. */
@RegisterForReflection
@SuppressWarnings("deprecation") // lang3's StringEscapeUtils is the exact JavaScript escaping we need.
public final class UtilVariable {
    static final UtilVariable INSTANCE = new UtilVariable();

    private UtilVariable() {}

    /** JavaScript string rules: quotes (single ones too, as {@code \'}), backslash, slash, control and non-ASCII. */
    public String escapeJavaScript(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return needsEscaping(text) ? StringEscapeUtils.escapeEcmaScript(text) : text;
    }

    /**
     * Whether lang3's ECMAScript escaping changes the text: it escapes {@code ' " \ /}, and every character outside
     * space to DEL (control characters, non-ASCII), and leaves the rest as it is.
     */
    static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > 0x7f || c == '\'' || c == '"' || c == '\\' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** "Stringified" JSON to maps, lists and values, as {@code $input.path} returns them. */
    public Object parseJson(String json) {
        return json == null ? null : Json.parse(json);
    }

    /** application/x-www-form-urlencoded, UTF-8. */
    public String urlEncode(String value) {
        return value == null ? null : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String urlDecode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    public String base64Encode(String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Lenient like a codec decoder: either alphabet, padding optional, stray characters skipped. */
    public String base64Decode(String value) {
        if (value == null) {
            return null;
        }
        String standard = value.replace('-', '+').replace('_', '/');
        return new String(Base64.getMimeDecoder().decode(standard), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "$util";
    }
}
