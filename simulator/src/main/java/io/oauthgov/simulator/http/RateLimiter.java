package io.oauthgov.simulator.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sliding-window rate limiting per identity and per organization: a request is admitted when fewer than
 * {@code limit} admitted requests of the same key fall within the last {@code window}. Exact, not approximate:
 * with a limit of N, request N+1 inside one window is refused. Refused requests do not occupy the window, so
 * waiting {@code Retry-After} seconds is always enough.
 */
public final class RateLimiter {
    private final Duration window;
    private final int defaultIdentityLimit;
    private final int orgLimit;
    private final Map<String, Integer> identityLimits;
    private final Map<String, ArrayDeque<Instant>> admitted = new HashMap<>();

    /**
     * @param decisionCount requests of the identity in the window, including this one when admitted
     * @param resetSeconds seconds until the identity's oldest admitted request leaves the window
     * @param retryAfterSeconds when refused, seconds until a slot frees for every exhausted key
     */
    public record Decision(boolean allowed, int decisionCount, int limit, long resetSeconds, long retryAfterSeconds) {
    }

    public RateLimiter(Duration window, int defaultIdentityLimit, int orgLimit, Map<String, Integer> identityLimits) {
        this.window = window;
        this.defaultIdentityLimit = defaultIdentityLimit;
        this.orgLimit = orgLimit;
        this.identityLimits = Map.copyOf(identityLimits);
    }

    public int limitFor(String identity) {
        return identity == null ? defaultIdentityLimit : identityLimits.getOrDefault(identity, defaultIdentityLimit);
    }

    public synchronized Decision tryAcquire(String orgId, String identity, Instant now) {
        ArrayDeque<Instant> mine = window("identity:" + identity, now);
        ArrayDeque<Instant> org = window("org:" + orgId, now);
        int limit = limitFor(identity);
        boolean identityFull = mine.size() >= limit;
        boolean orgFull = orgLimit > 0 && org.size() >= orgLimit;
        if (identityFull || orgFull) {
            long retryAfter = Math.max(identityFull ? secondsUntilFree(mine, now) : 0,
                    orgFull ? secondsUntilFree(org, now) : 0);
            return new Decision(false, mine.size(), limit, secondsUntilFree(mine, now), Math.max(1, retryAfter));
        }
        mine.addLast(now);
        org.addLast(now);
        return new Decision(true, mine.size(), limit, secondsUntilFree(mine, now), 0);
    }

    /** The identity's current window without admitting anything (for headers on responses that were not counted). */
    public synchronized Decision peek(String identity, Instant now) {
        ArrayDeque<Instant> mine = window("identity:" + identity, now);
        return new Decision(true, mine.size(), limitFor(identity), secondsUntilFree(mine, now), 0);
    }

    private ArrayDeque<Instant> window(String key, Instant now) {
        ArrayDeque<Instant> times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
        return times;
    }

    private long secondsUntilFree(ArrayDeque<Instant> times, Instant now) {
        if (times.isEmpty()) {
            return window.toSeconds();
        }
        long millis = Duration.between(now, times.peekFirst().plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
