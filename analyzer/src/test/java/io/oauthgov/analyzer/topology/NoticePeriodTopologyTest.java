package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tell the owner before anything happens (shipped policy: noticeDays 7): the gate refuses an approval with
 * NOTICE_PENDING until the notifier's notice about that very candidate is at least seven days old.
 */
class NoticePeriodTopologyTest extends AnalyzerTopologyFixture {

    @BeforeEach
    void start() {
        startDriver(PolicyLoader.loadDefault()).collected();
    }

    @Test
    void anApprovalBeforeTheOwnerWasToldIsRefusedNoticePending() {
        DeletionCandidate candidate = proposed("c-1");

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "appr-1", Decision.APPROVE));

        assertThat(a.approvedDeletions()).as("nothing reaches the executor before the owner was told").isEmpty();
        Rejection refused = onlyRejection();
        assertThat(refused.getReason()).isEqualTo(RejectionReason.NOTICE_PENDING);
        assertThat(refused.getDetail()).contains("has not been told", candidate.getCandidateId());
    }

    @Test
    void anApprovalWithinTheNoticePeriodIsRefusedAndNamesWhenToSendItAgain() {
        DeletionCandidate candidate = proposed("c-1");
        a.notices.pipeInput(key("c-1"), noticeOf(candidate, a.now));
        a.advance(days(6));

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "appr-1", Decision.APPROVE));

        Rejection refused = onlyRejection();
        assertThat(refused.getReason()).isEqualTo(RejectionReason.NOTICE_PENDING);
        assertThat(refused.getDetail()).contains("send the approval again after " + START.plus(days(7)));
    }

    @Test
    void anApprovalOnceTheNoticeIsSevenDaysOldPasses() {
        DeletionCandidate candidate = proposed("c-1");
        a.notices.pipeInput(key("c-1"), noticeOf(candidate, a.now));
        a.advance(days(7));
        a.riskEvents();

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "appr-1", Decision.APPROVE));

        assertThat(a.rejections()).isEmpty();
        assertThat(a.approvedDeletions()).hasSize(1);
    }

    @Test
    void aNoticeAboutAnEarlierCandidateOfTheClientDoesNotCount() {
        DeletionCandidate candidate = proposed("c-1");
        Notice stale = Notice.newBuilder(noticeOf(candidate, a.now)).setCandidateId(ORG + "/c-1/0000000000000000").build();
        a.notices.pipeInput(key("c-1"), stale);
        a.advance(days(8));

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "appr-1", Decision.APPROVE));

        assertThat(onlyRejection().getReason()).isEqualTo(RejectionReason.NOTICE_PENDING);
    }

    @Test
    void aRejectNeedsNoNoticeItOnlyKeepsTheClient() {
        DeletionCandidate candidate = proposed("c-1");

        a.approvals.pipeInput(key("c-1"), approvalOf(candidate, "rej-1", Decision.REJECT));

        assertThat(a.rejections()).isEmpty();
        assertThat(a.candidateRecords()).as("the snooze withdraws the candidate").extracting(kv -> kv.value).containsExactly((DeletionCandidate) null);
    }

    private DeletionCandidate proposed(String clientId) {
        a.integrations.pipeInput(key(clientId), integration(clientId, false, a.now));
        a.activity.pipeInput(key(clientId), usage(clientId, a.now.minus(days(200)), 10));
        a.clients.pipeInput(key(clientId), client(clientId, a.now).build());
        List<DeletionCandidate> candidates = a.candidateRecords().stream().map(kv -> kv.value).toList();
        assertThat(candidates).hasSize(1);
        a.riskEvents();
        return candidates.get(0);
    }

    private Approval approvalOf(DeletionCandidate candidate, String approvalId, Decision decision) {
        return approval(approvalId, candidate.getClientId(), candidate.getCandidateId(), candidate.getFingerprint(), a.now)
                .setDecision(decision).build();
    }

    private static Notice noticeOf(DeletionCandidate candidate, Instant at) {
        return Notice.newBuilder().setOrgId(candidate.getOrgId()).setClientId(candidate.getClientId())
                .setCandidateId(candidate.getCandidateId()).setFingerprint(candidate.getFingerprint())
                .setDigestId("digest-1").setRecipient("payments@example.com").setOwner("payments-team")
                .setChannels(List.of("EMAIL")).setNoticedAt(at).setEligibleAt(candidate.getEligibleAt()).build();
    }

    private Rejection onlyRejection() {
        List<Rejection> rejections = a.rejections().stream().map(kv -> kv.value).toList();
        assertThat(rejections).hasSize(1);
        return rejections.get(0);
    }
}
