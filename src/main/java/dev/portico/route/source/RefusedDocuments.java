package dev.portico.route.source;

import dev.portico.route.RouteTable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A {@link RouteTableParser} that does not parse again a document it has just refused. A live source asks for its
 * table on every refresh; a bad version stays in the file or the DynamoDB item until someone replaces it, and
 * parsing it again each time costs every refreshing request the whole failed load again: seconds for a document
 * that runs into a bound, such as a {@code $ref} bomb stopped at 2,000,000 schema nodes. The same bytes (by
 * SHA-256) get the same refusal at once; anything else is parsed.
 */
public final class RefusedDocuments implements RouteTableParser {
    private final RouteTableParser parser;
    private volatile Refusal refusal;

    private RefusedDocuments(RouteTableParser parser) {
        this.parser = parser;
    }

    /** {@code parser}, remembering the last document it refused. */
    public static RouteTableParser remembering(RouteTableParser parser) {
        return parser instanceof RefusedDocuments ? parser : new RefusedDocuments(parser);
    }

    @Override
    public RouteTable parse(String source, byte[] content) {
        return parse(false, source, content);
    }

    /** The wrapped parser's own {@code parseChecked}: a checked document keeps its templates unparsed. */
    @Override
    public RouteTable parseChecked(String source, byte[] content) {
        return parse(true, source, content);
    }

    /** A refusal is remembered with the way the document was parsed: a checked parse trusts its templates. */
    private RouteTable parse(boolean checked, String source, byte[] content) {
        byte[] digest = digest(content);
        Refusal known = refusal;
        if (known != null && known.checked == checked && Arrays.equals(digest, known.digest)) {
            throw known.exception;
        }
        try {
            RouteTable table = checked ? parser.parseChecked(source, content) : parser.parse(source, content);
            refusal = null;
            return table;
        } catch (RuntimeException e) {
            refusal = new Refusal(digest, checked, e);
            throw e;
        }
    }

    private record Refusal(byte[] digest, boolean checked, RuntimeException exception) {}

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
