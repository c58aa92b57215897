package io.oauthgov.executor.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.trust.Verdict;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {
    private static final Instant DAY_ONE = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theDailyCountIsPerOrgAndUtcDayAndSurvivesARestartThroughTheCommittedOutcomes() {
        BlastRadius before = new BlastRadius(new ExecutorLimits(2, 1.0));
        assertThat(before.reserve("org-a", 100, DAY_ONE)).isEmpty();
        BlastRadius restarted = new BlastRadius(new ExecutorLimits(2, 1.0));
        restarted.committed(Outcome.newBuilder().setOutcomeId("o").setCandidateId("c").setApprovalId("a").setOrgId("org-a").setClientId("x")
                .setIdentityId("i").setKind(OutcomeKind.DEACTIVATED).setApprovedAt(DAY_ONE).setStartedAt(DAY_ONE).setFinishedAt(DAY_ONE).build());

        assertThat(restarted.reserve("org-a", 100, DAY_ONE.plusSeconds(60))).isEmpty();
        assertThat(restarted.reserve("org-a", 100, DAY_ONE.plusSeconds(120)).map(Verdict::reason)).contains(RejectionReason.LIMIT_DAILY);
        assertThat(restarted.reserve("org-b", 100, DAY_ONE.plusSeconds(120))).as("another org").isEmpty();
        assertThat(restarted.reserve("org-a", 100, DAY_ONE.plusSeconds(86_400))).as("the next UTC day").isEmpty();
    }

    @Test
    void theFractionLimitCountsAgainstTheOrgsSizeAndAGivenBackSlotIsFreeAgain() {
        BlastRadius radius = new BlastRadius(new ExecutorLimits(1_000, 0.10));
        for (int i = 0; i < 4; i++) {
            assertThat(radius.reserve("org", 40, DAY_ONE)).isEmpty();
        }
        Optional<Verdict> fifth = radius.reserve("org", 40, DAY_ONE);
        assertThat(fifth.map(Verdict::reason)).as("5 of 40 is above 10 %").contains(RejectionReason.LIMIT_FRACTION);

        radius.giveBack("org", DAY_ONE);
        assertThat(radius.reserve("org", 40, DAY_ONE)).isEmpty();
    }
}
