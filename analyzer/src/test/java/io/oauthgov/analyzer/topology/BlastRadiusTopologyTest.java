package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.coverage;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.importMarker;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The org governor's limits: a rolling daily count, a fraction of the org, and the surge brake. */
class BlastRadiusTopologyTest extends AnalyzerTopologyFixture {

    private static Policy policy(String limits) {
        return PolicyLoader.parse("id: test\nversion: \"1\"\nnoticeDays: 0\nlimits: " + limits + "\n", "test");
    }

    private void start(Policy policy, long orgClients, int candidates) {
        startDriver(policy);
        a.integrations.pipeInput(OrgWide.key(ORG), importMarker(a.now));
        for (int i = 0; i < candidates; i++) {
            String id = "c-" + i;
            a.integrations.pipeInput(key(id), integration(id, false, a.now));
            a.clients.pipeInput(key(id), client(id, a.now).build());
        }
        a.activity.pipeInput(OrgWide.key(ORG), coverage("collection-1", a.now.minus(days(400)), a.now, orgClients, a.now));
    }

    private List<Approval> approveAll() {
        List<Approval> approvals = new ArrayList<>();
        for (var kv : a.candidateRecords()) {
            DeletionCandidate c = kv.value;
            Approval approval = approval("appr-" + c.getClientId(), c.getClientId(), c.getCandidateId(), c.getFingerprint(), a.now).build();
            a.approvals.pipeInput(key(c.getClientId()), approval);
            approvals.add(approval);
        }
        return approvals;
    }

    private List<RejectionReason> reasons() {
        return a.rejections().stream().map(kv -> kv.value.getReason()).toList();
    }

    @Test
    void approvalsBeyondTheDailyLimitAreRefusedLimitDailyUntilTheWindowRolls() {
        start(policy("{maxDeletionsPerOrgPerDay: 2, maxFractionPerOrg: 1.0, surgeFraction: 1.0}"), 1_000, 3);
        approveAll();

        assertThat(a.approvedDeletions()).hasSize(2);
        assertThat(reasons()).containsExactly(RejectionReason.LIMIT_DAILY);

        a.advance(Duration.ofHours(25));
        a.activity.pipeInput(OrgWide.key(ORG), coverage("collection-2", a.now.minus(days(400)), a.now, 1_000, a.now));
        a.candidateRecords();
        StoredVerdict stored = a.<StoredVerdict>store(GovernanceTopology.VERDICTS_STORE).get(key("c-2"));
        a.approvals.pipeInput(key("c-2"), approval("appr-again", "c-2", stored.candidate().candidateId(),
                stored.candidate().fingerprint(), a.now).build());
        assertThat(a.approvedDeletions()).as("a day later the same candidate may pass").hasSize(1);
    }

    @Test
    void approvalsBeyondTheOrgFractionAreRefusedLimitFraction() {
        start(policy("{maxDeletionsPerOrgPerDay: 100, maxFractionPerOrg: 0.1, surgeFraction: 1.0}"), 20, 3);
        approveAll();

        assertThat(a.approvedDeletions()).as("10 % of 20 clients").hasSize(2);
        assertThat(reasons()).containsExactly(RejectionReason.LIMIT_FRACTION);
    }

    @Test
    void aSurgeIsHeldUntilConfirmedByAnAuthorizedPerson() {
        start(policy("{maxDeletionsPerOrgPerDay: 100, maxFractionPerOrg: 1.0, surgeFraction: 0.05}"), 40, 3);
        List<RiskEvent> org = a.riskEvents().stream().filter(kv -> OrgWide.isOrgWide(kv.key)).map(kv -> kv.value).toList();
        assertThat(org).hasSize(1);
        assertThat(org.get(0).getFindings()).extracting(Finding::getRuleId).containsExactly(OrgFindings.SURGE_HELD);

        List<Approval> approvals = approveAll();
        assertThat(a.approvedDeletions()).isEmpty();
        assertThat(reasons()).containsOnly(RejectionReason.HELD_SURGE).hasSize(3);

        Approval confirm = approval("confirm-1", OrgWide.CLIENT_ID, OrgWide.SURGE_CONFIRMATION_PREFIX + "*", "surge", a.now)
                .setApprover("mallory@example.test").build();
        a.approvals.pipeInput(OrgWide.key(ORG), confirm);
        assertThat(reasons()).as("only an authorized approver confirms").containsExactly(RejectionReason.UNAUTHORIZED_APPROVER);

        a.approvals.pipeInput(OrgWide.key(ORG), approval("confirm-2", OrgWide.CLIENT_ID, OrgWide.SURGE_CONFIRMATION_PREFIX + "*",
                "surge", a.now).build());
        approvals.forEach(approval -> a.approvals.pipeInput(key(approval.getClientId()), approval));
        assertThat(a.approvedDeletions()).hasSize(3);
    }

    @Test
    void aSurgeIsReleasedWhenTheNextCollectionAgrees() {
        start(policy("{maxDeletionsPerOrgPerDay: 100, maxFractionPerOrg: 1.0, surgeFraction: 0.05}"), 40, 3);
        List<Approval> approvals = approveAll();
        assertThat(reasons()).containsOnly(RejectionReason.HELD_SURGE);

        a.activity.pipeInput(OrgWide.key(ORG), coverage("collection-2", a.now.minus(days(400)), a.now, 40, a.now));
        approvals.forEach(approval -> a.approvals.pipeInput(key(approval.getClientId()), approval));
        assertThat(a.approvedDeletions()).hasSize(3);
    }
}
