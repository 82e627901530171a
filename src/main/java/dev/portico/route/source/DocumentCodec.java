package dev.portico.route.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Cuts a route table document into chunks that fit DynamoDB items, and puts it back together, checked. */
final class DocumentCodec {
    static final String GZIP = "gzip";
    static final String PLAIN = "plain";
    /** DynamoDB items hold 400 KB including names and keys; this leaves room for both. */
    static final int CHUNK_BYTES = 350_000;
    /** The largest route table document a version may hold: what the OpenAPI reader accepts (64 MB). */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

    private DocumentCodec() {}

    record Encoded(String encoding, String sha256, long size, List<byte[]> chunks) {}

    static Encoded encode(byte[] document, boolean gzip) {
        byte[] stored = gzip ? gzip(document) : document;
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < stored.length || chunks.isEmpty(); from += CHUNK_BYTES) {
            chunks.add(Arrays.copyOfRange(stored, from, Math.min(stored.length, from + CHUNK_BYTES)));
        }
        return new Encoded(gzip ? GZIP : PLAIN, sha256(document), document.length, chunks);
    }

    /** @throws RouteStoreException when the chunks do not make the document that {@code version} describes */
    static byte[] decode(StoredVersion version, List<byte[]> chunks) {
        if (chunks.size() != version.chunks()) {
            throw new RouteStoreException("version " + version.version() + " should have " + version.chunks()
                    + " chunks but " + chunks.size() + " were found");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        byte[] document = switch (version.encoding()) {
            case GZIP -> gunzip(joined.toByteArray(), version);
            case PLAIN -> joined.toByteArray();
            default -> throw new RouteStoreException("version " + version.version() + " has the unknown encoding "
                    + version.encoding());
        };
        String checksum = sha256(document);
        if (document.length != version.size() || !checksum.equals(version.sha256())) {
            throw new RouteStoreException("version " + version.version() + " is corrupt: " + document.length
                    + " bytes with SHA-256 " + checksum + ", expected " + version.size() + " bytes with "
                    + version.sha256());
        }
        return document;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Inflates at most the size the version declares (and never more than {@link #MAX_DOCUMENT_BYTES}), so a
     * stored version that inflates far beyond it is refused after reading one byte too many.
     */
    private static byte[] gunzip(byte[] bytes, StoredVersion version) {
        long allowed = Math.min(Math.max(version.size(), 0), MAX_DOCUMENT_BYTES);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] document = in.readNBytes((int) allowed + 1);
            if (document.length > allowed) {
                throw new RouteStoreException("version " + version.version() + " is corrupt: it inflates past "
                        + (allowed == version.size() ? "its declared " + allowed + " bytes"
                        : "the limit of " + MAX_DOCUMENT_BYTES + " bytes"));
            }
            return document;
        } catch (IOException e) {
            throw new RouteStoreException("version " + version.version() + " is corrupt: " + e.getMessage(), e);
        }
    }
}
