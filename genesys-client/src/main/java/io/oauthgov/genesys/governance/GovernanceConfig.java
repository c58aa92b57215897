package io.oauthgov.genesys.governance;

import java.time.Duration;

/**
 * Settings of one identity's call chain.
 *
 * @param requestsPerWindow the platform limit to assume until response headers say otherwise (300/min is the
 *                          commonly cited client-credentials limit)
 * @param maxAttempts attempts per call, the first included, for server errors and transport failures; 429s do not
 *                    count, they are waited out (Retry-After, else backoff)
 * @param maxRetryAfter the most one call waits out 429s in total before it fails instead of stalling the caller
 * @param queryMaxWait how long an asynchronous usage or audit query may stay unfinished before it fails (a query
 *                     the platform never finishes must become a named evidence gap, not a hung run)
 */
public record GovernanceConfig(
        int requestsPerWindow,
        Duration window,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        int breakerThreshold,
        Duration breakerCoolDown,
        Duration maxRetryAfter,
        Duration requestTimeout,
        Duration queryMaxWait) {

    public static GovernanceConfig defaults() {
        return new GovernanceConfig(300, Duration.ofMinutes(1), 6, Duration.ofMillis(250), Duration.ofSeconds(30),
                5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    public GovernanceConfig withRequestsPerWindow(int requests) {
        return new GovernanceConfig(requests, window, maxAttempts, backoffBase, backoffCap, breakerThreshold,
                breakerCoolDown, maxRetryAfter, requestTimeout, queryMaxWait);
    }

    public GovernanceConfig withQueryMaxWait(Duration wait) {
        return new GovernanceConfig(requestsPerWindow, window, maxAttempts, backoffBase, backoffCap, breakerThreshold,
                breakerCoolDown, maxRetryAfter, requestTimeout, wait);
    }

    public GovernanceConfig withWindow(Duration newWindow) {
        return new GovernanceConfig(requestsPerWindow, newWindow, maxAttempts, backoffBase, backoffCap, breakerThreshold,
                breakerCoolDown, maxRetryAfter, requestTimeout, queryMaxWait);
    }
}
