package dev.portico.route.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The route tables of one API in a DynamoDB table (see docs/dynamodb-routes.md). Versions are immutable:
 * chunks first, then the version record, and last the {@code CURRENT} pointer, switched with a conditional
 * write. A reader that follows the pointer therefore only ever finds complete versions.
 */
public final class RouteStore {
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String CURRENT = "CURRENT";
    private static final String SEQUENCE = "SEQUENCE";
    private static final String VERSION_PREFIX = "V#";

    private final DynamoDbClient client;
    private final String table;
    private final String apiId;

    public RouteStore(DynamoDbClient client, String table, String apiId) {
        this.client = client;
        this.table = table;
        this.apiId = apiId;
    }

    public String describe() {
        return "dynamodb table " + table + ", api " + apiId;
    }

    /** The version readers are to serve: one strongly consistent read of the small pointer item. */
    public Optional<StoredVersion> current() {
        return get(apiKey(), CURRENT);
    }

    public Optional<StoredVersion> version(long version) {
        return get(apiKey(), versionKey(version));
    }

    /** Every imported version, oldest first. */
    public List<StoredVersion> versions() {
        List<StoredVersion> versions = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(apiKey()), ":prefix", s(VERSION_PREFIX)))
                        .build())
                .items().forEach(item -> versions.add(fromItem(item)));
        return versions;
    }

    /** The document of a version, checked against the size and checksum recorded at import. */
    public byte[] read(StoredVersion version) {
        List<byte[]> chunks = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(chunksKey(version.version()))))
                        .build())
                .items().forEach(item -> chunks.add(item.get("data").b().asByteArray()));
        return DocumentCodec.decode(version, chunks);
    }

    /**
     * Stores a document as a new version without making it current.
     *
     * @param routes   how many routes the document has, as validated by the caller
     * @param progress told about each chunk written
     */
    public StoredVersion write(byte[] document, String sourceName, int routes, boolean gzip,
                               Consumer<String> progress) {
        long number = nextVersionNumber();
        DocumentCodec.Encoded encoded = DocumentCodec.encode(document, gzip);
        StoredVersion version = new StoredVersion(number, encoded.chunks().size(), encoded.encoding(),
                encoded.sha256(), encoded.size(), routes, sourceName, Instant.now().toString());
        progress.accept("writing version %d: %d bytes as %d %s chunk(s)".formatted(number, document.length,
                encoded.chunks().size(), encoded.encoding()));
        for (int i = 0; i < encoded.chunks().size(); i++) {
            Map<String, AttributeValue> chunk = Map.of(
                    PK, s(chunksKey(number)),
                    SK, s("CHUNK#%05d".formatted(i)),
                    "data", AttributeValue.fromB(SdkBytes.fromByteArray(encoded.chunks().get(i))));
            putNew(chunk);
            progress.accept("  chunk %d/%d written".formatted(i + 1, encoded.chunks().size()));
        }
        putNew(toItem(apiKey(), versionKey(number), version));
        return version;
    }

    /**
     * Points readers at {@code version}, provided the pointer still names {@code expectedCurrent} (or is absent
     * when that is empty), so that two imports or rollbacks racing cannot silently undo each other.
     */
    public void makeCurrent(StoredVersion version, Optional<Long> expectedCurrent) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table)
                .item(toItem(apiKey(), CURRENT, version));
        if (expectedCurrent.isPresent()) {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedCurrent.get())));
        } else {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        try {
            client.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new RouteStoreException("the current version of api " + apiId + " changed meanwhile (expected "
                    + expectedCurrent.map(String::valueOf).orElse("none") + "); nothing was switched, try again", e);
        }
    }

    /** Creates the table (on-demand) for local use; in AWS the SAM template creates it. */
    public void createTable() {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    /** Numbers are never reused, so an import that died half-way leaves only unreachable chunks behind. */
    private long nextVersionNumber() {
        Map<String, AttributeValue> updated = client.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s(apiKey()), SK, s(SEQUENCE)))
                .updateExpression("ADD #last :one")
                .expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(updated.get("last").n());
    }

    private void putNew(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    private Optional<StoredVersion> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(pk), SK, s(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    private String apiKey() {
        return "API#" + apiId;
    }

    private String chunksKey(long version) {
        return apiKey() + "#V#" + version;
    }

    private static String versionKey(long version) {
        return VERSION_PREFIX + "%010d".formatted(version);
    }

    private static Map<String, AttributeValue> toItem(String pk, String sk, StoredVersion v) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk));
        item.put(SK, s(sk));
        item.put("version", n(v.version()));
        item.put("chunks", n(v.chunks()));
        item.put("encoding", s(v.encoding()));
        item.put("sha256", s(v.sha256()));
        item.put("size", n(v.size()));
        item.put("routes", n(v.routes()));
        item.put("source", s(v.source()));
        item.put("importedAt", s(v.importedAt()));
        return item;
    }

    private static StoredVersion fromItem(Map<String, AttributeValue> item) {
        return new StoredVersion(
                Long.parseLong(item.get("version").n()),
                Integer.parseInt(item.get("chunks").n()),
                item.get("encoding").s(),
                item.get("sha256").s(),
                Long.parseLong(item.get("size").n()),
                Integer.parseInt(item.get("routes").n()),
                item.get("source").s(),
                item.get("importedAt").s());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
