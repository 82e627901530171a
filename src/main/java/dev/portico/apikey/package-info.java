/**
 * The method request's API key stage, after the authorizer and before validation: the key a route requires
 * ({@code x-api-key}, or the authorizer's {@code usageIdentifierKey}), its usage plan for the API's stage, the
 * plan's rate and burst limits (and per-method overrides) and its quota. Keys, plans and the shared counters live
 * in DynamoDB ({@link dev.portico.apikey.ApiKeyStore}, docs/api-keys.md); each instance reads them through a short
 * cache and takes requests and tokens in leases, so that most requests cost no DynamoDB call at all.
 */
package dev.portico.apikey;
