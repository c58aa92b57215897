package io.oauthgov.genesys.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an identity that keeps failing (5xx, timeouts, transport errors): after {@code threshold} consecutive
 * failures it opens and admits no call; after {@code coolDown} it half-opens and admits exactly one probe, while any
 * other caller waits for the probe's verdict instead of rushing in with it. A successful probe closes it, a failed
 * one opens it for another cool-down. Protects the tenant from a retry storm.
 *
 * <p>It also keeps the time the identity has been failing without a single success ({@link #failingFor()}), which
 * is what decides when a caller gives up: the breaker only spaces the attempts out, it never fails a call by itself.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What {@link #admit()} allows the caller. */
    public enum Admission {
        /** Closed: call. */
        CALL,
        /** Half-open: call as the one probe, and report its verdict ({@link #onSuccess()}, {@link #onFailure()}) or {@link #release}. */
        PROBE,
        /** Open: do not call before {@link #remainingOpen()} has passed. */
        REFUSED
    }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant failingSince;
    private Instant openedAt;
    private boolean probeOut;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1 || coolDown.isNegative()) {
            throw new IllegalArgumentException("breaker threshold must be positive and its cool-down not negative");
        }
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

    /**
     * Whether the caller may call now. While another caller's probe is out this waits for its verdict: a success
     * admits everyone, a failure refuses everyone until the next cool-down has passed.
     */
    public synchronized Admission admit() throws InterruptedException {
        while (probeOut) {
            wait();
        }
        return switch (state()) {
            case CLOSED -> Admission.CALL;
            case OPEN -> Admission.REFUSED;
            case HALF_OPEN -> {
                probeOut = true;
                yield Admission.PROBE;
            }
        };
    }

    /** The call admitted as {@code admission} ended without a verdict on the platform (a 429, an interrupt): another may probe. */
    public synchronized void release(Admission admission) {
        if (admission == Admission.PROBE && probeOut) {
            probeOut = false;
            notifyAll();
        }
    }

    /** When an open breaker will half-open (zero when it is not open). */
    public synchronized Duration remainingOpen() {
        if (openedAt == null) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), openedAt.plus(coolDown));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** How long the identity has been failing without a success in between; zero while healthy. */
    public synchronized Duration failingFor() {
        return failingSince == null ? Duration.ZERO : Duration.between(failingSince, clock.instant());
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        failingSince = null;
        openedAt = null;
        probeOut = false;
        notifyAll();
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        if (probeOut || state() == State.HALF_OPEN || consecutiveFailures >= threshold) {
            openedAt = clock.instant();
        }
        probeOut = false;
        notifyAll();
    }
}
