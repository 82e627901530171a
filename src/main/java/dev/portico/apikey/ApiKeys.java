package dev.portico.apikey;

import dev.portico.errors.GatewayException;
import dev.portico.invocation.Invocation;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.ApiKeySource;
import dev.portico.route.Route;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The method request's API key check, which API Gateway runs after the authorizer (so that an AUTHORIZER key
 * source can read the authorizer's {@code usageIdentifierKey}) and before request validation ("Choose an API key
 * source in API Gateway"; "Usage plans and API keys for REST APIs in API Gateway"):
 *
 * <ol>
 *   <li>The API-wide rate limit, when configured, for every request of the stage: 429 Too Many Requests.</li>
 *   <li>On a method that requires a key: the key from the {@code x-api-key} header or the authorizer. Missing, not
 *       a possible key, unknown, disabled, or in no usage plan that covers this API stage: 403 Forbidden
 *       (INVALID_API_KEY).</li>
 *   <li>The plan's throttle, or the method's override ({@code /{resource}/{method}}) instead: 429
 *       {@code Too Many Requests} (THROTTLED).</li>
 *   <li>The plan's quota for the period: 429 {@code Limit Exceeded} (QUOTA_EXCEEDED). A throttled request uses no
 *       quota.</li>
 * </ol>
 *
 * An admitted key sets {@code $context.identity.apiKey} and {@code apiKeyId}. When DynamoDB cannot be asked, the
 * settings decide: a key never seen is refused with 500 by default, the counts of a known key are let through by
 * default; every such failure is logged and counted ({@link #storeFailures()}). Key values never reach the log.
 */
public final class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final int CACHE_CAPACITY = 10_000;

    private final ApiKeyStore store;
    private final ApiKeySettings settings;
    private final LongSupplier clock;
    private final ExpiringCache<ApiKey> keys;
    private final ExpiringCache<UsagePlan> plans;
    private final QuotaLeases quotas;
    private final TokenLeases tokens;
    private final AtomicLong storeFailures = new AtomicLong();

    /**
     * @param store where keys, plans and counters live; null when none is configured, so that a route requiring a
     *              key answers 500 and the log says what to set
     * @param clock epoch milliseconds; injectable so that tests can move through quota periods
     */
    public ApiKeys(ApiKeyStore store, ApiKeySettings settings, LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        long ttl = settings.cacheTtl().toMillis();
        this.keys = new ExpiringCache<>(ttl, CACHE_CAPACITY, clock);
        this.plans = new ExpiringCache<>(ttl, CACHE_CAPACITY, clock);
        this.quotas = store == null ? null : new QuotaLeases(store, settings.quotaBlock(), ttl);
        this.tokens = store == null ? null : new TokenLeases(store, settings.tokenWindow().toMillis());
    }

    /** No store: routes that require a key answer 500, every other route passes. */
    public static ApiKeys none() {
        return new ApiKeys(null, ApiKeySettings.DEFAULTS, System::currentTimeMillis);
    }

    /** Times DynamoDB could not be asked. */
    public long storeFailures() {
        return storeFailures.get();
    }

    /** The store, for the dev tools and benchmarks; null when none is configured. */
    public ApiKeyStore store() {
        return store;
    }

    /** Admits the request or throws the gateway's answer. */
    public void check(Invocation invocation) {
        Route route = invocation.route();
        PorticoSettings stage = invocation.settings();
        long now = clock.getAsLong();
        if (settings.apiThrottle() != null && tokens != null) {
            String bucket = "API#" + stage.apiId() + "/" + stage.stage();
            if (!counted(() -> tokens.admit(bucket, settings.apiThrottle(), now), route)) {
                throw GatewayException.throttled(route.name() + ": over the API's rate limit");
            }
        }
        ApiKeySource source = route.access().apiKey();
        if (source == null) {
            return;
        }
        String where = route.name() + ": API key";
        String value = source == ApiKeySource.HEADER ? invocation.request().headers().last(ApiKeySource.HEADER_NAME)
                : invocation.usageIdentifierKey();
        if (value == null || value.isEmpty()) {
            throw GatewayException.invalidApiKey(where + " missing (" + (source == ApiKeySource.HEADER
                    ? "no x-api-key header" : "the authorizer answered no usageIdentifierKey") + ")");
        }
        if (!KeyHash.plausible(value)) {
            throw GatewayException.invalidApiKey(where + " is not a possible key (" + value.length() + " characters)");
        }
        if (store == null) {
            throw GatewayException.internal(where + " required, but no key table is configured "
                    + "(portico.api-keys.table, or portico.routes.dynamodb.table)", null);
        }
        String hash = KeyHash.of(value);
        String shown = hash.substring(0, 8);
        Optional<ApiKey> found;
        try {
            found = keys.get(hash, store::keyByHash).value();
        } catch (StoreUnavailableException e) {
            failed(route, e);
            if (settings.unknownKeysOpen()) {
                invocation.apiKeyAccepted(value, "");
                return;
            }
            throw GatewayException.internal(where + " " + shown + "... could not be checked: " + e.getMessage(), null);
        }
        if (found.isEmpty()) {
            throw GatewayException.invalidApiKey(where + " " + shown + "... (sha-256) is unknown");
        }
        ApiKey key = found.get();
        if (!key.enabled()) {
            throw GatewayException.invalidApiKey(where + " " + key.id() + " is disabled");
        }
        UsagePlan plan = null;
        UsagePlan.ApiStage apiStage = null;
        for (String planId : new java.util.TreeSet<>(key.plans())) {
            Optional<UsagePlan> candidate;
            try {
                candidate = plans.get(planId, store::plan).value();
            } catch (StoreUnavailableException e) {
                failed(route, e);
                if (!settings.countsOpen()) {
                    throw GatewayException.internal(where + " " + key.id() + ": usage plan " + planId
                            + " could not be read: " + e.getMessage(), null);
                }
                // the key is known; its plan cannot be read: admitted uncounted, as the counts would be
                invocation.apiKeyAccepted(value, key.id());
                return;
            }
            if (candidate.isPresent() && candidate.get().stage(stage.apiId(), stage.stage()) != null) {
                plan = candidate.get();
                apiStage = plan.stage(stage.apiId(), stage.stage());
                break;
            }
        }
        if (plan == null) {
            throw GatewayException.invalidApiKey(where + " " + key.id() + " is in no usage plan of API "
                    + stage.apiId() + " stage " + stage.stage());
        }
        invocation.apiKeyAccepted(value, key.id());
        String method = route.resourcePath() + "/" + route.method();
        Throttle override = apiStage.throttle().get(method);
        Throttle throttle = override != null ? override : plan.throttle();
        if (throttle != null) {
            String bucket = plan.id() + "#" + key.id() + (override != null ? "#" + method : "");
            Throttle limit = throttle;
            if (!counted(() -> tokens.admit(bucket, limit, now), route)) {
                throw GatewayException.throttled(where + " " + key.id() + ": over the rate limit of plan " + plan.id()
                        + (override != null ? " for " + method : ""));
            }
        }
        if (plan.quota() != null) {
            UsagePlan counted = plan;
            if (!counted(() -> quotas.admit(counted, key.id(), now), route)) {
                throw GatewayException.quotaExceeded(where + " " + key.id() + ": the quota of plan " + plan.id()
                        + " for this " + plan.quota().period().name().toLowerCase(java.util.Locale.ROOT) + " is used");
            }
        }
    }

    private interface Count {
        boolean admit();
    }

    /** The count's verdict, or the failure policy's when the store cannot be asked. */
    private boolean counted(Count count, Route route) {
        try {
            return count.admit();
        } catch (StoreUnavailableException e) {
            failed(route, e);
            if (settings.countsOpen()) {
                return true;
            }
            throw GatewayException.internal(route.name() + ": the API key counts could not be updated: "
                    + e.getMessage(), null);
        }
    }

    private void failed(Route route, StoreUnavailableException e) {
        long failures = storeFailures.incrementAndGet();
        LOG.warnf("%s: the API key store could not be asked (%d failures so far); %s", route.name(), failures,
                e.getMessage());
    }
}
