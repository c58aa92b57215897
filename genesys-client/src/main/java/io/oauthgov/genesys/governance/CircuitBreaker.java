package io.oauthgov.genesys.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an identity that keeps failing (5xx, timeouts, exhausted retries): after {@code threshold}
 * consecutive failures it opens and refuses calls at once; after {@code coolDown} it half-opens and lets one
 * trial call through; a success closes it, a failure opens it again. Protects the tenant from a retry storm.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openedAt;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(coolDown)) ? State.OPEN : State.HALF_OPEN;
    }

    /** Whether a call may be attempted now. */
    public synchronized boolean allowsCall() {
        return state() != State.OPEN;
    }

    /** When an open breaker will half-open. */
    public synchronized Duration remainingOpen() {
        return openedAt == null ? Duration.ZERO : Duration.between(clock.instant(), openedAt.plus(coolDown));
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        openedAt = null;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state() == State.HALF_OPEN || consecutiveFailures >= threshold) {
            openedAt = clock.instant();
        }
    }
}
