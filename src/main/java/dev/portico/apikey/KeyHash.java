package dev.portico.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stored form of a key value: hex SHA-256, so that the table never holds a usable key. */
public final class KeyHash {
    /** API Gateway's bounds for a key value ("CreateApiKey": at least 20 characters; 128 at most). */
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 128;

    private KeyHash() {}

    public static String of(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code value} could be a key at all: a value outside API Gateway's bounds needs no lookup. */
    public static boolean plausible(String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
