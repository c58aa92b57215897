package io.oauthgov.genesys.governance;

import java.time.Duration;

/**
 * Settings of one identity's call chain.
 *
 * <p>Server errors and transport failures have one budget, time: a call retries them (backoff with jitter while the
 * breaker is closed; once it is open, one probe per cool-down) until it succeeds or the identity has been failing
 * without a single success for {@code giveUpAfter}. A blip of a few seconds is therefore ridden out, and only an
 * outage lasting minutes fails a call; once an identity has given up, its later calls fail at once, except for the
 * one probe per cool-down that notices the recovery.
 *
 * @param requestsPerWindow the platform limit to assume until response headers say otherwise (300/min is the
 *                          commonly cited client-credentials limit); at least 1
 * @param breakerThreshold consecutive failures that open the circuit breaker (the retries of one call count too)
 * @param breakerCoolDown how long an open breaker admits nothing before it lets one probe through
 * @param giveUpAfter how long an identity may fail continuously (5xx, timeouts, I/O) before its calls fail instead of
 *                    waiting for a recovery (default 5 minutes)
 * @param maxRetryAfter the most one call waits out 429s in total before it fails instead of stalling the caller
 * @param queryMaxWait how long an asynchronous usage or audit query may stay unfinished before it fails (a query
 *                     the platform never finishes must become a named evidence gap, not a hung run)
 * @param readsInFlight how many reads of the identity may be on the wire at once (at least 1; default 1, the
 *                      collector's {@link #collectorDefaults()} 2). Sends
 *                      are still paced as one stream; a second read in flight only hides the time a slow answer
 *                      (a query submit, a large result page) would otherwise leave the budget idle. A change
 *                      (PUT, DELETE, PATCH) always goes alone.
 */
public record GovernanceConfig(
        int requestsPerWindow,
        Duration window,
        Duration backoffBase,
        Duration backoffCap,
        int breakerThreshold,
        Duration breakerCoolDown,
        Duration giveUpAfter,
        Duration maxRetryAfter,
        Duration requestTimeout,
        Duration queryMaxWait,
        int readsInFlight) {

    public GovernanceConfig {
        if (requestsPerWindow < 1) {
            throw new IllegalArgumentException("the requests per window must be at least 1, was " + requestsPerWindow);
        }
        if (breakerThreshold < 1) {
            throw new IllegalArgumentException("the breaker threshold must be at least 1, was " + breakerThreshold);
        }
        if (readsInFlight < 1) {
            throw new IllegalArgumentException("the reads in flight must be at least 1, was " + readsInFlight);
        }
        if (giveUpAfter.isNegative() || breakerCoolDown.isNegative()) {
            throw new IllegalArgumentException("give-up time and breaker cool-down must not be negative");
        }
    }

    public static GovernanceConfig defaults() {
        return new GovernanceConfig(300, Duration.ofMinutes(1), Duration.ofMillis(250), Duration.ofSeconds(30),
                5, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 1);
    }

    /**
     * The collector's: two reads in flight, one per lane (client reads, evidence queries). The executor keeps one: it
     * reads from one thread per identity, and measured with two its lanes used 0.91 of the budget instead of 0.97
     * ({@code bench/run --quick --only executor-budget}, 2026-12-02).
     */
    public static GovernanceConfig collectorDefaults() {
        return defaults().withReadsInFlight(2);
    }

    public GovernanceConfig withRequestsPerWindow(int requests) {
        return new GovernanceConfig(requests, window, backoffBase, backoffCap, breakerThreshold, breakerCoolDown, giveUpAfter,
                maxRetryAfter, requestTimeout, queryMaxWait, readsInFlight);
    }

    public GovernanceConfig withQueryMaxWait(Duration wait) {
        return new GovernanceConfig(requestsPerWindow, window, backoffBase, backoffCap, breakerThreshold, breakerCoolDown, giveUpAfter,
                maxRetryAfter, requestTimeout, wait, readsInFlight);
    }

    public GovernanceConfig withWindow(Duration newWindow) {
        return new GovernanceConfig(requestsPerWindow, newWindow, backoffBase, backoffCap, breakerThreshold, breakerCoolDown, giveUpAfter,
                maxRetryAfter, requestTimeout, queryMaxWait, readsInFlight);
    }

    public GovernanceConfig withMaxRetryAfter(Duration max) {
        return new GovernanceConfig(requestsPerWindow, window, backoffBase, backoffCap, breakerThreshold, breakerCoolDown, giveUpAfter,
                max, requestTimeout, queryMaxWait, readsInFlight);
    }

    public GovernanceConfig withReadsInFlight(int reads) {
        return new GovernanceConfig(requestsPerWindow, window, backoffBase, backoffCap, breakerThreshold, breakerCoolDown, giveUpAfter,
                maxRetryAfter, requestTimeout, queryMaxWait, reads);
    }

    /** Tests shorten the cool-down and the give-up time; production keeps seconds and minutes. */
    public GovernanceConfig withOutageTolerance(Duration coolDown, Duration giveUp) {
        return new GovernanceConfig(requestsPerWindow, window, backoffBase, backoffCap, breakerThreshold, coolDown, giveUp,
                maxRetryAfter, requestTimeout, queryMaxWait, readsInFlight);
    }
}
