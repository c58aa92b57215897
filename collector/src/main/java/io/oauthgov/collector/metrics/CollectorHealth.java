package io.oauthgov.collector.metrics;

import io.oauthgov.collector.OrgReport;
import io.oauthgov.metrics.Readiness;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The collector is ready when its last cycle verified every organization's snapshot and read its evidence without
 * a gap — what {@code collect --once} exits 0 for. Before the first cycle ends it is not ready.
 */
public final class CollectorHealth implements Readiness {
    private record Cycle(Instant endedAt, List<OrgReport> reports) {}

    private final Clock clock;
    private volatile Cycle last;

    CollectorHealth(Clock clock) {
        this.clock = clock;
    }

    void cycleFinished(List<OrgReport> reports) {
        last = new Cycle(clock.instant(), List.copyOf(reports));
    }

    @Override
    public Status check() {
        Cycle cycle = last;
        if (cycle == null) {
            return Status.notReady("collector: no collection cycle finished yet");
        }
        String problems = cycle.reports().stream().filter(r -> !r.verified() || r.evidenceError() != null)
                .map(CollectorHealth::problem).collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            return Status.notReady("collector: the cycle that ended " + cycle.endedAt() + " did not verify every org: " + problems);
        }
        return Status.ready("collector: the cycle that ended " + cycle.endedAt() + " verified " + cycle.reports().size() + " org(s)");
    }

    private static String problem(OrgReport report) {
        return "org " + report.orgId() + (report.verified() ? " evidence gaps (" + report.evidenceError() + ")"
                : " snapshot NOT verified " + report.failureReasons());
    }
}
