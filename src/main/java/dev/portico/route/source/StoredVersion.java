package dev.portico.route.source;

/**
 * One imported version of an API's route table, as its version record and the {@code CURRENT} pointer
 * describe it: everything a reader needs to fetch and check the chunks.
 *
 * @param version    the version number, from the API's sequence
 * @param chunks     how many chunk items hold the document
 * @param encoding   {@code gzip} or {@code plain}: how the chunks' concatenation encodes the document
 * @param sha256     hex SHA-256 of the document as imported
 * @param size       the document's size in bytes
 * @param routes     how many routes the table had when it was validated at import
 * @param source     the imported file's name, for {@code versions}
 * @param importedAt ISO-8601 instant of the import
 */
public record StoredVersion(long version, int chunks, String encoding, String sha256, long size, int routes,
                            String source, String importedAt) {}
