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

    private static byte[] gunzip(byte[] bytes, StoredVersion version) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RouteStoreException("version " + version.version() + " is corrupt: " + e.getMessage(), e);
        }
    }
}
