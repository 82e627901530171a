package dev.portico.apikey;

import java.time.Duration;

/**
 * How the API key stage runs ({@code portico.api-keys.*}, README "API keys").
 *
 * @param cacheTtl          how long a key or plan read from the store is believed
 * @param quotaBlock        the most quota requests one instance reserves at a time
 * @param tokenWindow       how long a lease of rate-limit tokens lasts, and how many tokens it takes (the window's
 *                          worth at the bucket's rate)
 * @param unknownKeysOpen   the store unreachable and a key never seen: admit it (true) or answer 500 (false)
 * @param countsOpen        the store unreachable when a known key's quota or tokens are due: admit (true) or answer
 *                          500 (false)
 * @param apiThrottle       a rate limit for every request of the API's stage, key or not; null for none
 */
public record ApiKeySettings(Duration cacheTtl, long quotaBlock, Duration tokenWindow, boolean unknownKeysOpen,
                             boolean countsOpen, Throttle apiThrottle) {

    public static final ApiKeySettings DEFAULTS = new ApiKeySettings(Duration.ofSeconds(10), 100,
            Duration.ofMillis(200), false, true, null);
}
