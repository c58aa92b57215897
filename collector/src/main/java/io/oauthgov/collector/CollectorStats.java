package io.oauthgov.collector;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a running collector has done: how many cycles, and the last one's per-org reports and times.
 *
 * @param lastCycle one report per organization of the last finished cycle (empty before the first)
 */
public record CollectorStats(long cycles, List<OrgReport> lastCycle, Optional<Instant> lastStarted, Optional<Instant> lastFinished) {
    static final CollectorStats NONE = new CollectorStats(0, List.of(), Optional.empty(), Optional.empty());

    public CollectorStats {
        lastCycle = List.copyOf(lastCycle);
    }

    CollectorStats after(List<OrgReport> reports, Instant started, Instant finished) {
        return new CollectorStats(cycles + 1, reports, Optional.of(started), Optional.of(finished));
    }

    /** Every org of the last cycle verified its snapshot and read its evidence without error. */
    public boolean lastCycleVerified() {
        return !lastCycle.isEmpty() && lastCycle.stream().allMatch(r -> r.verified() && r.evidenceError() == null);
    }
}
