package io.oauthgov.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.collector.OrgReport;
import io.oauthgov.metrics.Readiness;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorHealthTest {
    private final CollectorHealth health = new CollectorHealth(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEvidenceGapInTheLastCycleIsNotReadyEvenWithEverySnapshotVerified() {
        health.cycleFinished(List.of(report("org-a", true, null), report("org-b", true, "USAGE 2026-02-28/2026-03-01 FORBIDDEN (403)")));

        Readiness.Status status = health.check();

        assertThat(status.ready()).isFalse();
        assertThat(status.detail()).contains("org org-b evidence gaps").contains("FORBIDDEN").doesNotContain("org-a");
    }

    @Test
    void theLatestCycleDecides() {
        health.cycleFinished(List.of(report("org-a", false, null)));
        health.cycleFinished(List.of(report("org-a", true, null)));

        assertThat(health.check()).isEqualTo(Readiness.Status.ready("collector: the cycle that ended 2026-03-01T10:00:00Z verified 1 org(s)"));
    }

    private static OrgReport report(String org, boolean verified, String evidenceError) {
        return new OrgReport(org, "snap", verified, verified ? List.of() : List.of("COUNT_MISMATCH"), 10, 1, 0, 0, 0, 0, 5, 0, 0,
                evidenceError, null, null, null, null, null, "roles and divisions verified");
    }
}
