package io.oauthgov.analyzer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.EvidenceCoverage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgCoverageTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void coverageOfAnOrgNeverVerifiedHasNoSnapshotAndStopsAwaitingNothing() {
        OrgCoverage awaiting = OrgCoverage.NONE.awaiting("snap-1", NOW);
        EvidenceCoverage firstListingDrifted = EvidenceCoverage.newBuilder().setCollectionId("c-1").setSnapshotId(null)
                .setSnapshotObservedAt(null).setOrgClients(0).setUsageFrom(NOW.minusSeconds(86_400)).setUsageThrough(NOW)
                .setAuditFrom(NOW.minusSeconds(86_400)).setAuditThrough(NOW).setGaps(List.of()).build();

        OrgCoverage covered = awaiting.withCoverage(firstListingDrifted);

        assertThat(covered.awaitingSince("snap-1")).isEqualTo(NOW);
        assertThat(covered.coverage()).isNotNull();
    }

    @Test
    void coverageOfASnapshotEndsItsWait() {
        EvidenceCoverage record = EvidenceCoverage.newBuilder().setCollectionId("c-2").setSnapshotId("snap-1")
                .setSnapshotObservedAt(NOW).setOrgClients(10).setGaps(List.of()).build();

        assertThat(OrgCoverage.NONE.awaiting("snap-1", NOW).withCoverage(record).awaitingSince("snap-1")).isNull();
    }
}
