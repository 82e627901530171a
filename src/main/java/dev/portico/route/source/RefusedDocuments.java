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
    private volatile byte[] refusedDigest;
    private volatile RuntimeException refusal;

    private RefusedDocuments(RouteTableParser parser) {
        this.parser = parser;
    }

    /** {@code parser}, remembering the last document it refused. */
    public static RouteTableParser remembering(RouteTableParser parser) {
        return parser instanceof RefusedDocuments ? parser : new RefusedDocuments(parser);
    }

    @Override
    public RouteTable parse(String source, byte[] content) {
        byte[] digest = digest(content);
        RuntimeException known = refusal;
        if (known != null && Arrays.equals(digest, refusedDigest)) {
            throw known;
        }
        try {
            RouteTable table = parser.parse(source, content);
            refusal = null;
            return table;
        } catch (RuntimeException e) {
            refusedDigest = digest;
            refusal = e;
            throw e;
        }
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
