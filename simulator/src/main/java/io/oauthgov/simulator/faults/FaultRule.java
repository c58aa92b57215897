package io.oauthgov.simulator.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One scripted fault; keep the handle to {@link #cancel()} it early. */
public final class FaultRule {

    public enum Kind { THROTTLE, SERVER_ERROR, LATENCY, CONNECTION_RESET }

    private final Kind kind;
    private final FaultTarget target;
    private final AtomicInteger remainingCalls;
    private final Instant until;
    private final int parameter;
    private final Duration delay;
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    FaultRule(Kind kind, FaultTarget target, FaultLimit limit, Instant now, int parameter, Duration delay) {
        this.kind = kind;
        this.target = target;
        this.remainingCalls = new AtomicInteger(limit.calls());
        this.until = limit.duration() == null ? null : now.plus(limit.duration());
        this.parameter = parameter;
        this.delay = delay;
    }

    public Kind kind() {
        return kind;
    }

    /** How many calls this fault has hit so far. */
    public int applied() {
        return applied.get();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean expired(Instant now) {
        return cancelled.get() || remainingCalls.get() == 0 || (until != null && !now.isBefore(until));
    }

    /** Status for SERVER_ERROR, Retry-After seconds for THROTTLE. */
    int parameter() {
        return parameter;
    }

    Duration delay() {
        return delay;
    }

    /** Claims one application for this call; false if the rule does not hit it or is used up. */
    boolean tryApply(String callerClientId, Instant now) {
        if (!target.hits(callerClientId) || expired(now)) {
            return false;
        }
        if (remainingCalls.get() > 0 && remainingCalls.getAndUpdate(n -> n > 0 ? n - 1 : n) <= 0) {
            return false;
        }
        applied.incrementAndGet();
        return true;
    }
}
