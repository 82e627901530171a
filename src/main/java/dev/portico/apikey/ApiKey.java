package dev.portico.apikey;

import java.util.Set;

/**
 * One API key as stored: never its value, only the value's SHA-256 ({@link KeyHash}), which is how a request's
 * key finds it.
 *
 * @param id      API Gateway's key id ({@code $context.identity.apiKeyId})
 * @param name    the key's name
 * @param enabled a disabled key is refused as an unknown one is
 * @param plans   the ids of the usage plans the key belongs to
 */
public record ApiKey(String id, String name, boolean enabled, Set<String> plans) {}
