package io.oauthgov.executor;

import java.time.Instant;

/**
 * Quarantines an executor leaves open when it stops (see {@link ExecutorSettings#stopWhenIdle()}): they are durable in
 * the quarantine topic, and the next executor owning their identity ends them when due.
 *
 * @param count open quarantines this instance would have ended
 * @param nextDue when the first of them is due; null when none is open
 */
public record OpenQuarantines(int count, Instant nextDue) {
    public static final OpenQuarantines NONE = new OpenQuarantines(0, null);

    /** E.g. "2 quarantine(s) left open, the next due at 2026-01-08T10:00:00Z; the next run ends them". */
    public String describe() {
        return count == 0 ? "no quarantine left open"
                : count + " quarantine(s) left open, the next due at " + nextDue + "; the next run ends them when due";
    }
}
