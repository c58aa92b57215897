package io.oauthgov.simulator.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scripted faults, all off by default and switchable at any time (from the builder or from a running test).
 * Call faults (429 storms, 5xx bursts, latency, connection resets) hit authenticated {@code /api/v2} calls of
 * the targeted identities; behaviour faults (listing drift, eventual consistency, pending usage queries) change
 * how resources answer.
 */
public final class FaultPlan {
    private final Clock clock;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private volatile int driftRemovedPerPage;
    private volatile int driftAddedPerPage;
    private volatile Duration stillListedAfterDelete = Duration.ZERO;
    private volatile boolean usageQueriesStayPending;

    public FaultPlan(Clock clock) {
        this.clock = clock;
    }

    /** A 429 storm: targeted calls get 429 {@code too.many.requests.retry.after} with this Retry-After. */
    public FaultRule throttle(FaultTarget target, FaultLimit limit, int retryAfterSeconds) {
        return add(FaultRule.Kind.THROTTLE, target, limit, Math.max(1, retryAfterSeconds), Duration.ZERO);
    }

    /** A 5xx burst (e.g. 500, 502, 503, 504). */
    public FaultRule serverErrors(FaultTarget target, FaultLimit limit, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx: " + status);
        }
        return add(FaultRule.Kind.SERVER_ERROR, target, limit, status, Duration.ZERO);
    }

    /** Delays targeted calls before they are answered (real time: it is network latency). */
    public FaultRule latency(FaultTarget target, FaultLimit limit, Duration delay) {
        return add(FaultRule.Kind.LATENCY, target, limit, 0, delay);
    }

    /** Closes the connection without any response. */
    public FaultRule connectionResets(FaultTarget target, FaultLimit limit) {
        return add(FaultRule.Kind.CONNECTION_RESET, target, limit, 0, Duration.ZERO);
    }

    /**
     * While on, serving any page of the client listing but the last removes one client of that page and adds one
     * new client at the end: a reader following {@code nextUri} silently misses the client that shifted onto the
     * page it already read, while {@code total} and the entity count still agree.
     */
    public FaultPlan listingDrift(boolean on) {
        return listingDrift(on ? 1 : 0, on ? 1 : 0);
    }

    /** Drift with explicit counts per served page; different counts also make {@code total} change between pages. */
    public FaultPlan listingDrift(int removedPerPage, int addedPerPage) {
        this.driftRemovedPerPage = Math.max(0, removedPerPage);
        this.driftAddedPerPage = Math.max(0, addedPerPage);
        return this;
    }

    /** A client purged by DELETE keeps appearing in the listing (not in GET) for this long. */
    public FaultPlan eventualConsistency(Duration stillListed) {
        this.stillListedAfterDelete = stillListed;
        return this;
    }

    /** While on, usage query results stay {@code Running} however often they are polled. */
    public FaultPlan usageQueriesStayPending(boolean on) {
        this.usageQueriesStayPending = on;
        return this;
    }

    /** Switches every fault off. */
    public void clear() {
        rules.forEach(FaultRule::cancel);
        rules.clear();
        driftRemovedPerPage = 0;
        driftAddedPerPage = 0;
        stillListedAfterDelete = Duration.ZERO;
        usageQueriesStayPending = false;
    }

    public boolean listingDrift() {
        return driftRemovedPerPage > 0 || driftAddedPerPage > 0;
    }

    public int driftRemovedPerPage() {
        return driftRemovedPerPage;
    }

    public int driftAddedPerPage() {
        return driftAddedPerPage;
    }

    public Duration stillListedAfterDelete() {
        return stillListedAfterDelete;
    }

    public boolean usageQueriesStayPending() {
        return usageQueriesStayPending;
    }

    /** Decides (and consumes) the faults for one call of this identity. */
    public FaultDecision decide(String callerClientId) {
        Instant now = clock.instant();
        rules.removeIf(r -> r.expired(now));
        Duration delay = Duration.ZERO;
        for (FaultRule rule : rules) {
            if (rule.kind() == FaultRule.Kind.LATENCY && rule.tryApply(callerClientId, now)) {
                delay = rule.delay();
                break;
            }
        }
        for (FaultRule rule : rules) {
            if (rule.kind() == FaultRule.Kind.LATENCY || !rule.tryApply(callerClientId, now)) {
                continue;
            }
            return switch (rule.kind()) {
                case CONNECTION_RESET -> new FaultDecision(delay, true, 0, 0);
                case THROTTLE -> new FaultDecision(delay, false, rule.parameter(), 0);
                case SERVER_ERROR -> new FaultDecision(delay, false, 0, rule.parameter());
                case LATENCY -> throw new IllegalStateException("unreachable");
            };
        }
        return delay.isZero() ? FaultDecision.NONE : new FaultDecision(delay, false, 0, 0);
    }

    private FaultRule add(FaultRule.Kind kind, FaultTarget target, FaultLimit limit, int parameter, Duration delay) {
        FaultRule rule = new FaultRule(kind, target, limit, clock.instant(), parameter, delay);
        rules.add(rule);
        return rule;
    }
}
