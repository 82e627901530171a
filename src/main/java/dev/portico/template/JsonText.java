package dev.portico.template;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;

/**
 * The one parser of JSON text for mapping templates and JSONPath parameter mappings ({@code $input.json},
 * {@code $input.path}, {@code $util.parseJson}, {@code method.request.body.X}, {@code integration.response.body.X}):
 * Jayway JsonPath's json-smart provider, permissive as API Gateway's, behind the bounds Jackson's
 * {@code StreamReadConstraints} set by default (and so the request validator's): a number of at most 1,000
 * characters, at most 1,000 levels of nesting, a string of at most 20,000,000 characters. json-smart turns a long
 * number into a {@code BigInteger}, whose parse and print grow quadratically with its length; the scan refuses it
 * first, in one linear pass.
 */
public final class JsonText {
    public static final int MAX_NUMBER_LENGTH = 1000;
    public static final int MAX_NESTING_DEPTH = 1000;
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** How the message of a refusal starts. */
    public static final String REFUSED = "JSON refused: ";

    private JsonText() {}

    /** JsonPath's configuration (tens of milliseconds of class loading), made when JSON is first parsed. */
    private static final class Holder {
        static final Configuration CONFIGURATION = Configuration.defaultConfiguration();
    }

    /** The configuration whose provider {@link #parse} uses: maps, json-smart arrays, json-smart numbers. */
    public static Configuration configuration() {
        return Holder.CONFIGURATION;
    }

    /**
     * @throws InvalidJsonException when the text is not JSON, or passes one of the bounds
     */
    public static Object parse(String text) {
        check(text);
        return Holder.CONFIGURATION.jsonProvider().parse(text);
    }

    /** @throws InvalidJsonException naming the first bound the text passes */
    static void check(String text) {
        int depth = 0;
        int number = 0;
        char quote = 0;
        int stringStart = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    if (i - stringStart > MAX_STRING_LENGTH) {
                        throw refused("a string longer than " + MAX_STRING_LENGTH + " characters");
                    }
                    quote = 0;
                }
                continue;
            }
            if (c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER_LENGTH) {
                    throw refused("a number longer than " + MAX_NUMBER_LENGTH + " characters");
                }
                continue;
            }
            number = 0;
            switch (c) {
                case '"', '\'' -> {
                    quote = c;
                    stringStart = i + 1;
                }
                case '[', '{' -> {
                    if (++depth > MAX_NESTING_DEPTH) {
                        throw refused("nesting deeper than " + MAX_NESTING_DEPTH + " levels");
                    }
                }
                case ']', '}' -> depth--;
                default -> { }
            }
        }
        if (quote != 0 && text.length() - stringStart > MAX_STRING_LENGTH) {
            throw refused("a string longer than " + MAX_STRING_LENGTH + " characters");
        }
    }

    private static InvalidJsonException refused(String what) {
        return new InvalidJsonException(REFUSED + what);
    }
}
