package io.oauthgov.genesys.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Paces one identity's calls so the platform's per-identity limit (N requests per window, a sliding minute on
 * Genesys Cloud) is never exceeded. Two rules together: calls are spaced evenly (window / budget), so there are
 * no bursts; and a log of the last calls guarantees at most {@code budget} fall in any window, even after a pause.
 * The budget is a safety share of the limit, because the server measures arrival times, not send times.
 *
 * <p>The limit starts from configuration and is corrected from every response's {@code inin-ratelimit-allowed};
 * {@code Retry-After} and an exhausted {@code inin-ratelimit-count} block the identity until the stated time.
 * Thread-safe: the identity's caller sends one call at a time (ask for the delay, sleep, record the send), while
 * the answers of calls still in flight report their headers and Retry-After from other threads.
 */
public final class RateGovernor {
    /** Share of the limit used: high enough for ≥ 95 % utilisation, low enough to absorb arrival jitter. */
    static final double SAFETY = 0.98;

    private final Clock clock;
    private final Duration window;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private int limit;
    private Instant blockedUntil = Instant.EPOCH;
    private Instant lastCall = Instant.EPOCH;
    /** When the next call was meant to go: spacing counts from the schedule, so oversleeping does not pile up. */
    private Instant scheduled = Instant.EPOCH;

    public RateGovernor(int initialLimit, Duration window, Clock clock) {
        if (initialLimit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 per window, got " + initialLimit);
        }
        this.limit = initialLimit;
        this.window = window;
        this.clock = clock;
    }

    /** How long to wait before the next call may be sent (zero = now). */
    public synchronized Duration delayBeforeNextCall() {
        Instant now = clock.instant();
        Instant earliest = blockedUntil;
        Instant spaced = lastCall.plus(spacing());
        if (spaced.isAfter(earliest)) {
            earliest = spaced;
        }
        dropOutside(now);
        if (recent.size() >= budget()) {
            // The oldest call in the window must leave it (plus a millisecond: the server's window is half-open).
            Instant oldestLeaves = recent.peekFirst().plus(window).plusMillis(1);
            if (oldestLeaves.isAfter(earliest)) {
                earliest = oldestLeaves;
            }
        }
        scheduled = earliest.isAfter(now) ? earliest : now;
        return earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ZERO;
    }

    /**
     * Records that a call is being sent now. The next call is spaced from when this one was scheduled, if it left
     * within one spacing of that: a sleep that overran by a millisecond must not cost every later call that
     * millisecond too (it did: 0.94 of the limit instead of 0.98). The window log, which holds real send times,
     * still caps the calls in any window.
     */
    public synchronized void onCallSent() {
        Instant now = clock.instant();
        lastCall = scheduled.isAfter(now.minus(spacing())) && !scheduled.isAfter(now) ? scheduled : now;
        recent.addLast(now);
        while (recent.size() > Math.max(budget(), 1) * 2) {
            recent.removeFirst();
        }
    }

    /** Learns from the response's rate-limit headers (any may be absent). */
    public synchronized void onHeaders(Integer allowed, Integer count, Long resetSeconds) {
        if (allowed != null && allowed > 0) {
            limit = allowed;
        }
        if (allowed != null && count != null && resetSeconds != null && count >= allowed) {
            block(Duration.ofSeconds(Math.max(1, resetSeconds)));
        }
    }

    /** Honours Retry-After: no call before it passes. */
    public synchronized void block(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    /** No call before this instant (a Retry-After or an exhausted window); {@link Instant#EPOCH} if never blocked. */
    public synchronized Instant blockedUntil() {
        return blockedUntil;
    }

    public synchronized int limit() {
        return limit;
    }

    /** Calls per window this governor will actually allow. */
    public synchronized int budget() {
        return Math.max(1, (int) Math.floor(limit * SAFETY));
    }

    synchronized Duration spacing() {
        return window.dividedBy(budget());
    }

    private void dropOutside(Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
