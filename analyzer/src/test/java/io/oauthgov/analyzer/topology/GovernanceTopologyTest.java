package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.APPROVER;
import static io.oauthgov.analyzer.Fixtures.EXECUTOR;
import static io.oauthgov.analyzer.Fixtures.HMAC_KEY;
import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.approval;
import static io.oauthgov.analyzer.Fixtures.auditUse;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.HOME;
import static io.oauthgov.analyzer.Fixtures.endpointUsage;
import static io.oauthgov.analyzer.Fixtures.grants;
import static io.oauthgov.analyzer.Fixtures.role;
import static io.oauthgov.analyzer.Fixtures.authorization;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.manifest;
import static io.oauthgov.analyzer.Fixtures.signed;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RecordPart;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * The analyzer topology end to end in a TopologyTestDriver: one test per rule, per candidacy behaviour, per
 * approval-gate reason and per kind of bad input. Default policy: stale window 180 days, grace 14, snooze 30.
 */
class GovernanceTopologyTest extends AnalyzerTopologyFixture {
    private static final Policy POLICY = Fixtures.policyWithoutNoticePeriod();

    private AnalyzerDriver start() {
        return start(POLICY, settings().build());
    }

    private AnalyzerDriver start(Policy policy, AnalyzerSettings settings) {
        return startDriver(policy, settings, AnalyzerMetrics.none()).collected();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** An owned, unprotected machine client last used {@code lastUseDaysAgo} days ago (evidence before snapshot). */
    private OAuthClientSnapshot owned(String clientId, long lastUseDaysAgo, OAuthClientSnapshot.Builder snapshot) {
        a.integrations.pipeInput(key(clientId), integration(clientId, false, a.now));
        a.activity.pipeInput(key(clientId), usage(clientId, a.now.minus(days(lastUseDaysAgo)), 10));
        OAuthClientSnapshot built = snapshot.build();
        a.clients.pipeInput(key(clientId), built);
        return built;
    }

    /** A client stale for 20 days (past the 14-day grace period): proposed at once. */
    private DeletionCandidate proposed(String clientId) {
        owned(clientId, 200, client(clientId, a.now));
        List<KeyValue<ClientKey, DeletionCandidate>> candidates = a.candidateRecords();
        assertThat(candidates).as("a client stale past its grace period is proposed once").hasSize(1);
        a.riskEvents();
        return candidates.get(0).value;
    }

    private Approval approvalOf(DeletionCandidate candidate, String approvalId) {
        return approval(approvalId, candidate.getClientId(), candidate.getCandidateId(), candidate.getFingerprint(), a.now).build();
    }

    private static List<String> ruleIds(RiskEvent event) {
        return event.getFindings().stream().map(Finding::getRuleId).toList();
    }

    private Rejection onlyRejection() {
        List<KeyValue<ClientKey, Rejection>> rejections = a.rejections();
        assertThat(rejections).as("exactly one rejection").hasSize(1);
        return rejections.get(0).value;
    }

    private void assertGateRefused(RejectionReason reason, Approval approval) {
        Rejection rejection = onlyRejection();
        assertThat(rejection.getReason()).isEqualTo(reason);
        assertThat(rejection.getStage()).isEqualTo(Stage.APPROVAL_GATE);
        assertThat(rejection.getApprovalId()).isEqualTo(approval.getApprovalId());
        assertThat(rejection.getCandidateId()).isEqualTo(approval.getCandidateId());
        assertThat(rejection.getSourceTopic()).isEqualTo(TopicCatalog.APPROVALS.name());
        assertThat(rejection.getSourceOffset()).isNotNull();
        assertThat(a.approvedDeletions()).as("a refused approval never reaches the executor").isEmpty();
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    @Test
    void clientWithoutUseForTheStaleWindowIsFlaggedStaleUnused() {
        start();

        owned("c-stale", 200, client("c-stale", a.now));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(event.getStatus()).isEqualTo(RiskStatus.NEW);
        assertThat(ruleIds(event)).containsExactly("stale-unused");
        Finding finding = event.getFindings().get(0);
        assertThat(finding.getReason()).contains("dateModified is not use");
        assertThat(finding.getEvidence()).containsEntry("lastUsedAt", a.now.minus(days(200)).toString())
                .containsEntry("staleWindowDays", "180").containsKey("dateModified");
    }

    @Test
    void clientNeverUsedSinceCreationLongerThanTheWindowIsFlaggedNeverUsed() {
        start();
        a.integrations.pipeInput(key("c-never"), integration("c-never", false, a.now));

        a.clients.pipeInput(key("c-never"), client("c-never", a.now).setDateCreated(a.now.minus(days(400))).build());

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).containsExactly("never-used");
        assertThat(event.getCandidate()).isEqualTo(CandidateChange.PROPOSED);
        assertThat(a.candidateRecords().get(0).value.getLastUsedAt()).as("never used").isNull();
    }

    @Test
    void disabledClientUnusedInTheWindowIsFlaggedDisabledUnused() {
        start();

        owned("c-off", 250, client("c-off", a.now).setState("disabled"));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).containsExactly("stale-unused", "disabled-unused");
        assertThat(event.getFindings().get(1).getEvidence()).containsEntry("state", "disabled");
        assertThat(a.candidateRecords()).hasSize(1);
    }

    @Test
    void highRiskScopesRaiseRiskButNeverProposeADeletion() {
        start();

        owned("c-admin", 1, client("c-admin", a.now).setScope(List.of("admin", "*", "users:read")));
        a.advance(days(30));

        List<KeyValue<ClientKey, RiskEvent>> events = a.riskEvents();
        assertThat(events).hasSize(1);
        RiskEvent event = events.get(0).value;
        assertThat(ruleIds(event)).containsExactly("high-risk-scopes");
        assertThat(event.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(event.getScore()).isBetween(75, 100);
        assertThat(event.getCandidate()).isEqualTo(CandidateChange.NONE);
        assertThat(event.getFindings().get(0).getEvidence()).containsEntry("scopes", "*,admin");
        assertThat(a.candidateRecords()).as("risk-only findings never propose a deletion").isEmpty();
    }

    @Test
    void aStaleClientHoldingMasterAdminOnAllDivisionsIsACriticalCandidateWithItsRolesAsEvidence() {
        start();
        a.authorization.pipeInput(new OrgKey(ORG), authorization(a.now, role("admin", "Master Admin", "*:*:*")));

        owned("c-root", 200, client("c-root", a.now).setScope(List.of()).setRoleDivisions(grants("admin@*")));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).contains("stale-unused", "admin-role", "identity-admin", "all-divisions");
        assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.getCandidate()).isEqualTo(CandidateChange.PROPOSED);
        assertThat(event.getFindings()).filteredOn(f -> f.getRuleId().equals("admin-role")).singleElement()
                .satisfies(f -> assertThat(f.getEvidence()).containsEntry("roles", "Master Admin @ all divisions"));
        assertThat(a.candidateRecords()).hasSize(1);
    }

    @Test
    void anAdminClientUsedOnlyForReadsIsARiskWithTheDomainsItUsedButNeverACandidate() {
        start();
        a.authorization.pipeInput(new OrgKey(ORG), authorization(a.now, role("admin", "Master Admin", "*:*:*")));
        a.integrations.pipeInput(key("c-export"), integration("c-export", false, a.now));
        a.activity.pipeInput(key("c-export"), endpointUsage("c-export", a.now.minus(days(2)), "GET",
                "api/v2/analytics/reporting/exports", 300));

        a.clients.pipeInput(key("c-export"), client("c-export", a.now).setScope(List.of()).setRoleDivisions(grants("admin@" + HOME)).build());
        a.advance(days(30));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).contains("admin-role", "unused-write-permission", "unused-domain")
                .doesNotContain("stale-unused");
        assertThat(event.getUsedDomains()).containsExactly("analytics");
        assertThat(event.getFindings()).filteredOn(f -> f.getRuleId().equals("unused-write-permission")).singleElement()
                .satisfies(f -> assertThat(f.getEvidence()).containsEntry("requestsByMethod", "GET=300"));
        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void rolesThatArriveAfterTheClientAreJudgedAtTheNextReevaluation() {
        start();
        owned("c-late", 1, client("c-late", a.now).setScope(List.of()).setRoleDivisions(grants("admin@*")));
        assertThat(a.riskEvents()).as("roles unknown: nothing to say yet").isEmpty();

        a.authorization.pipeInput(new OrgKey(ORG), authorization(a.now, role("admin", "Master Admin", "*:*:*")));
        a.advance(Duration.ofMinutes(2));

        assertThat(a.riskEvents()).singleElement().satisfies(e -> assertThat(ruleIds(e.value)).contains("admin-role"));
    }

    @Test
    void userFacingGrantWithAWriteScopeIsFlaggedPublicGrantWriteScope() {
        start();

        owned("c-web", 1, client("c-web", a.now).setAuthorizedGrantType("CODE").setScope(List.of("users:write")));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).contains("public-grant-write-scope");
        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void clientWithoutIntegrationRecordIsFlaggedUnowned() {
        start();
        a.activity.pipeInput(key("c-orphan"), usage("c-orphan", a.now.minus(days(1)), 5));

        a.clients.pipeInput(key("c-orphan"), client("c-orphan", a.now).build());

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).containsExactly("unowned");
        assertThat(event.getSeverity()).isEqualTo(Severity.LOW);
    }

    @Test
    void tokensValidLongerThanThePolicyAllowsAreFlaggedLongTokenValidity() {
        start();

        owned("c-long", 1, client("c-long", a.now).setAccessTokenValiditySeconds(7 * 86_400L));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).containsExactly("long-token-validity");
        assertThat(event.getFindings().get(0).getEvidence()).containsEntry("accessTokenValiditySeconds", "604800");
    }

    // ---- candidacy -----------------------------------------------------------------------------------------

    @Test
    void staleClientIsProposedOnlyAfterTheGracePeriod() {
        start();
        owned("c-grace", 190, client("c-grace", a.now)); // stale since 10 days, eligible in 4 days

        RiskEvent flagged = a.riskEvents().get(0).value;
        assertThat(flagged.getCandidate()).isEqualTo(CandidateChange.NONE);
        assertThat(flagged.getCandidateNote()).contains("grace period");
        assertThat(a.candidateRecords()).isEmpty();

        a.advance(days(3));
        assertThat(a.candidateRecords()).as("still inside the grace period").isEmpty();

        a.advance(days(2));
        List<KeyValue<ClientKey, DeletionCandidate>> candidates = a.candidateRecords();
        assertThat(candidates).hasSize(1);
        DeletionCandidate candidate = candidates.get(0).value;
        assertThat(candidate.getEligibleAt()).isEqualTo(START.minus(days(190)).plus(days(180 + 14)));
        assertThat(candidate.getStaleSince()).isEqualTo(START.minus(days(10)));
        assertThat(candidate.getReasons()).extracting(Finding::getRuleId).containsExactly("stale-unused");
        RiskEvent proposed = a.riskEvents().get(0).value;
        assertThat(proposed.getCandidate()).isEqualTo(CandidateChange.PROPOSED);
        assertThat(proposed.getStatus()).as("findings unchanged, candidacy changed").isEqualTo(RiskStatus.CHANGED);
    }

    @Test
    void oldDateModifiedButRecentUsageIsNeverACandidate() {
        start();
        a.integrations.pipeInput(key("c-used"), integration("c-used", false, a.now));
        a.activity.pipeInput(key("c-used"), auditUse("c-used", a.now.minus(days(2))));

        a.clients.pipeInput(key("c-used"), client("c-used", a.now).setDateModified(a.now.minus(days(800))).build());
        a.advance(days(30));

        assertThat(a.riskEvents()).as("used two days ago: nothing to report").isEmpty();
        assertThat(a.candidateRecords()).as("dateModified is not evidence of disuse").isEmpty();
    }

    @Test
    void protectedClientIsNeverProposed() {
        start();
        a.integrations.pipeInput(key("c-prot"), integration("c-prot", true, a.now));
        a.activity.pipeInput(key("c-prot"), usage("c-prot", a.now.minus(days(300)), 1));

        a.clients.pipeInput(key("c-prot"), client("c-prot", a.now).build());
        a.advance(days(20));

        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(ruleIds(event)).containsExactly("stale-unused");
        assertThat(event.getCandidateNote()).contains("protected");
        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void excludedGrantTypeIsNeverProposed() {
        start();

        owned("c-code", 300, client("c-code", a.now).setAuthorizedGrantType("CODE"));
        a.advance(days(20));

        assertThat(a.riskEvents().get(0).value.getCandidateNote()).contains("grant type CODE is excluded");
        assertThat(a.candidateRecords()).isEmpty();
    }

    @Test
    void identicalSnapshotSeenAgainEmitsNothing() {
        start();
        OAuthClientSnapshot first = client("c-same", a.now).build();
        owned("c-same", 200, OAuthClientSnapshot.newBuilder(first));
        a.riskEvents();
        a.candidateRecords();

        a.clients.pipeInput(key("c-same"), OAuthClientSnapshot.newBuilder(first)
                .setSnapshotId("snap-2").setObservedAt(a.now.plusSeconds(3600)).build());
        a.advance(Duration.ofMinutes(5));

        assertThat(a.riskEvents()).as("same findings: no new risk event").isEmpty();
        assertThat(a.candidateRecords()).as("same fingerprint: no new candidate").isEmpty();
    }

    @Test
    void newEvidenceOfUseWithdrawsTheCandidateAndSaysWhy() {
        start();
        proposed("c-back");

        a.activity.pipeInput(key("c-back"), usage("c-back", a.now.minusSeconds(3600), 42));

        List<KeyValue<ClientKey, DeletionCandidate>> candidates = a.candidateRecords();
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).value).as("tombstone withdraws the candidate").isNull();
        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(event.getCandidate()).isEqualTo(CandidateChange.WITHDRAWN);
        assertThat(event.getStatus()).isEqualTo(RiskStatus.RESOLVED);
        assertThat(event.getCandidateNote()).startsWith("withdrawn: in use: last use");
    }

    @Test
    void clientTombstoneWithdrawsItsCandidateAndResolvesItsRisk() {
        start();
        proposed("c-gone");

        a.clients.pipeInput(key("c-gone"), null);

        assertThat(a.candidateRecords().get(0).value).isNull();
        RiskEvent event = a.riskEvents().get(0).value;
        assertThat(event.getStatus()).isEqualTo(RiskStatus.RESOLVED);
        assertThat(event.getCandidate()).isEqualTo(CandidateChange.WITHDRAWN);
        assertThat(event.getCandidateNote()).contains("vanished");
    }

    @Test
    void changedClientOnALiveCandidateReproposesItWithTheNewFingerprint() {
        start();
        DeletionCandidate before = proposed("c-edit");

        a.clients.pipeInput(key("c-edit"), client("c-edit", a.now).setName("renamed").build());

        DeletionCandidate after = a.candidateRecords().get(0).value;
        assertThat(after.getFingerprint()).isNotEqualTo(before.getFingerprint());
        assertThat(after.getCandidateId()).isNotEqualTo(before.getCandidateId());
        assertThat(a.riskEvents().get(0).value.getCandidateNote()).contains("re-proposed");
    }

    @Test
    void duplicateEvidenceDoesNotChangeRequestTotals() {
        start();
        Instant day1 = a.now.minus(days(3));
        Instant day2 = a.now.minus(days(2));
        a.activity.pipeInput(key("c-dup"), usage("c-dup", day1, 100));
        a.activity.pipeInput(key("c-dup"), usage("c-dup", day2, 50));
        a.integrations.pipeInput(key("c-dup"), integration("c-dup", false, a.now));
        a.clients.pipeInput(key("c-dup"), client("c-dup", a.now).build());

        a.activity.pipeInput(key("c-dup"), usage("c-dup", day1, 100));
        a.activity.pipeInput(key("c-dup"), usage("c-dup", day1, 100));

        ActivityAggregate aggregate = a.<ActivityAggregate>store(GovernanceTopology.ACTIVITY_STORE).get(key("c-dup"));
        assertThat(aggregate.requestsSince(a.now.minus(days(30)))).as("replayed usage rows are not counted twice").isEqualTo(150);
        assertThat(aggregate.lastUsageAt()).isEqualTo(day2);
        assertThat(a.riskEvents()).isEmpty();
    }

    @Test
    void policyIdAndVersionTravelOnEveryEvent() {
        Policy strict = PolicyLoader.parse("id: strict\nversion: \"7\"\nnoticeDays: 0\n", "test");
        start(strict, settings().build());
        DeletionCandidate candidate = proposed("c-pol");
        assertThat(candidate.getPolicyId()).isEqualTo("strict");
        assertThat(candidate.getPolicyVersion()).isEqualTo("7");

        a.approvals.pipeInput(key("c-pol"), approvalOf(candidate, "appr-pol"));
        a.activity.pipeInput(key("c-pol"), usage("c-pol", a.now, 1));

        ApprovedDeletion deletion = a.approvedDeletions().get(0).value;
        assertThat(deletion.getPolicyId()).isEqualTo("strict");
        assertThat(deletion.getPolicyVersion()).isEqualTo("7");
        RiskEvent withdrawn = a.riskEvents().get(0).value;
        assertThat(withdrawn.getPolicyId()).isEqualTo("strict");
        assertThat(withdrawn.getPolicyVersion()).isEqualTo("7");
    }

    // ---- approval gate -------------------------------------------------------------------------------------

    @Test
    void passingApprovalLandsOnApprovedDeletionsKeyedByTheExecutorIdentity() {
        start();
        DeletionCandidate candidate = proposed("c-del");
        OAuthClientSnapshot judged = a.<OAuthClientSnapshot>store(GovernanceTopology.CLIENTS_STORE).get(key("c-del"));

        a.approvals.pipeInput(key("c-del"), approvalOf(candidate, "appr-1"));

        List<KeyValue<ApiIdentityKey, ApprovedDeletion>> approved = a.approvedDeletions();
        assertThat(approved).hasSize(1);
        assertThat(approved.get(0).key).isEqualTo(new ApiIdentityKey(ORG, EXECUTOR));
        ApprovedDeletion deletion = approved.get(0).value;
        assertThat(deletion.getJudged()).as("the executor compares the live client with what was judged").isEqualTo(judged);
        assertThat(deletion.getCandidateId()).isEqualTo(candidate.getCandidateId());
        assertThat(deletion.getFingerprint()).isEqualTo(candidate.getFingerprint());
        assertThat(deletion.getApprovalId()).isEqualTo("appr-1");
        assertThat(deletion.getPassedGateAt()).isEqualTo(a.now);
        assertThat(a.rejections()).isEmpty();
    }

    @Test
    void approvalWithoutALiveCandidateIsRejectedUnknownCandidate() {
        start();
        owned("c-live", 1, client("c-live", a.now));
        Approval approval = approval("appr-2", "c-live", ORG + "/c-live/0000", "f00d", a.now).build();

        a.approvals.pipeInput(key("c-live"), approval);

        assertGateRefused(RejectionReason.UNKNOWN_CANDIDATE, approval);
    }

    @Test
    void approvalQuotingAnOldFingerprintIsRejectedStaleFingerprint() {
        start();
        DeletionCandidate before = proposed("c-fp");
        a.clients.pipeInput(key("c-fp"), client("c-fp", a.now).setScope(List.of("analytics", "users")).build());
        assertThat(a.candidateRecords()).as("re-proposed with a new fingerprint").hasSize(1);
        Approval approval = approvalOf(before, "appr-3");

        a.approvals.pipeInput(key("c-fp"), approval);

        assertGateRefused(RejectionReason.STALE_FINGERPRINT, approval);
    }

    @Test
    void expiredApprovalIsRejectedExpired() {
        start();
        DeletionCandidate candidate = proposed("c-exp");
        Approval approval = Approval.newBuilder(approvalOf(candidate, "appr-4"))
                .setApprovedAt(a.now.minus(days(3))).setExpiresAt(a.now.minus(days(1))).build();

        a.approvals.pipeInput(key("c-exp"), approval);

        assertGateRefused(RejectionReason.EXPIRED, approval);
    }

    @Test
    void approverOutsideTheAllowListIsRejectedUnauthorizedApprover() {
        start();
        DeletionCandidate candidate = proposed("c-who");
        Approval approval = Approval.newBuilder(approvalOf(candidate, "appr-5")).setApprover("mallory@example.test").build();

        a.approvals.pipeInput(key("c-who"), approval);

        assertGateRefused(RejectionReason.UNAUTHORIZED_APPROVER, approval);
    }

    @Test
    void tamperedSignatureIsRejectedBadSignatureWhenAKeyIsConfigured() {
        start(POLICY, settings().hmacKey(HMAC_KEY).build());
        DeletionCandidate candidate = proposed("c-sig");
        Approval approval = signed(approvalOf(candidate, "appr-6"));
        approval.setExpiresAt(approval.getExpiresAt().plus(days(30))); // changed after signing

        a.approvals.pipeInput(key("c-sig"), approval);

        assertGateRefused(RejectionReason.BAD_SIGNATURE, approval);
    }

    @Test
    void correctlySignedApprovalPassesWhenAKeyIsConfigured() {
        start(POLICY, settings().hmacKey(HMAC_KEY).build());
        DeletionCandidate candidate = proposed("c-signed");

        a.approvals.pipeInput(key("c-signed"), signed(approvalOf(candidate, "appr-7")));

        assertThat(a.rejections()).isEmpty();
        assertThat(a.approvedDeletions()).hasSize(1);
    }

    @Test
    void approvalForAClientProtectedSinceProposalIsRejectedProtected() {
        start();
        DeletionCandidate candidate = proposed("c-now-prot");
        a.integrations.pipeInput(key("c-now-prot"), integration("c-now-prot", true, a.now));
        assertThat(a.candidateRecords().get(0).value).as("protection withdraws the candidate").isNull();
        Approval approval = approvalOf(candidate, "appr-8");

        a.approvals.pipeInput(key("c-now-prot"), approval);

        assertGateRefused(RejectionReason.PROTECTED, approval);
    }

    @Test
    void approvalMissingItsCandidateIdIsRejectedMalformed() {
        start();
        DeletionCandidate candidate = proposed("c-bad");
        Approval approval = Approval.newBuilder(approvalOf(candidate, "appr-9")).setCandidateId("").build();

        a.approvals.pipeInput(key("c-bad"), approval);

        assertGateRefused(RejectionReason.MALFORMED, approval);
    }

    @Test
    void approvalForAnOrgWithoutExecutorIdentityIsRejectedUnknownIdentity() {
        start(POLICY, AnalyzerSettings.builder().approvers("*", APPROVER).build());
        DeletionCandidate candidate = proposed("c-noid");
        Approval approval = approvalOf(candidate, "appr-10");

        a.approvals.pipeInput(key("c-noid"), approval);

        assertGateRefused(RejectionReason.UNKNOWN_IDENTITY, approval);
    }

    @Test
    void rejectDecisionWithdrawsTheCandidateAndSnoozesIt() {
        start();
        DeletionCandidate candidate = proposed("c-snooze");
        Approval reject = Approval.newBuilder(approvalOf(candidate, "appr-11")).setDecision(Decision.REJECT).build();

        a.approvals.pipeInput(key("c-snooze"), reject);

        assertThat(a.candidateRecords().get(0).value).as("withdrawn").isNull();
        RiskEvent withdrawn = a.riskEvents().get(0).value;
        assertThat(withdrawn.getCandidate()).isEqualTo(CandidateChange.WITHDRAWN);
        assertThat(withdrawn.getCandidateNote()).contains("rejected", "snoozed until " + a.now.plus(days(30)));
        assertThat(a.rejections()).isEmpty();
        assertThat(a.approvedDeletions()).isEmpty();

        a.advance(days(29));
        assertThat(a.candidateRecords()).as("not re-proposed during the snooze").isEmpty();

        a.advance(days(2));
        List<KeyValue<ClientKey, DeletionCandidate>> again = a.candidateRecords();
        assertThat(again).as("proposed again once the snooze ends").hasSize(1);
        assertThat(again.get(0).value.getFingerprint()).isEqualTo(candidate.getFingerprint());
    }

    // ---- bad input -----------------------------------------------------------------------------------------

    @Test
    void unreadableRecordIsRejectedDeserializationFailedAndProcessingContinues() {
        start();
        byte[] garbage = {0x0, 0x0, 0x0, 0x7f, 0x1, 0x2};

        a.rawClients.pipeInput(new byte[] {0x42}, garbage);
        owned("c-after", 200, client("c-after", a.now));

        List<KeyValue<ClientKey, Rejection>> rejections = a.rejections();
        assertThat(rejections).hasSize(1);
        assertThat(rejections.get(0).key).as("the client of an unreadable record is unknown").isNull();
        Rejection rejection = rejections.get(0).value;
        assertThat(rejection.getReason()).isEqualTo(RejectionReason.DESERIALIZATION_FAILED);
        assertThat(rejection.getSourceTopic()).isEqualTo(TopicCatalog.CLIENTS.name());
        assertThat(rejection.getSourcePartition()).isNotNull();
        assertThat(rejection.getSourceOffset()).isNotNull();
        assertThat(rejection.getRawValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(rejection.getUnreadablePart()).as("the one-byte key fails first").isEqualTo(RecordPart.KEY);
        assertThat(rejection.getFoundSchemaId()).as("a single byte holds no header").isNull();
        assertThat(rejection.getExpectedSubject()).isEqualTo(TopicCatalog.CLIENTS.name() + "-key");
        assertThat(rejection.getDetail()).contains("cannot read the key", "1 bytes starting 'B'");
        assertThat(a.candidateRecords()).as("the next record is processed").hasSize(1);
    }

    @Test
    void unreadableValueUnderAGoodKeyIsRejectedNamingTheValueAndTheSchemaIdFound() {
        start();
        byte[] unknownId = {0x0, 0x0, 0x0, 0x0, 0x7f, 0x1, 0x2};
        byte[] goodKey = a.topics.clients().keySerde().serializer().serialize(TopicCatalog.CLIENTS.name(), key("c-bad"));

        a.rawClients.pipeInput(goodKey, unknownId);

        Rejection rejection = onlyRejection();
        assertThat(rejection.getUnreadablePart()).isEqualTo(RecordPart.VALUE);
        assertThat(rejection.getFoundSchemaId()).isEqualTo(127);
        assertThat(rejection.getExpectedSubject()).isEqualTo(TopicCatalog.CLIENTS.name() + "-value");
        assertThat(rejection.getDetail()).contains("cannot read the value: schema id 127");
    }

    @Test
    void clientOfAnUnverifiedSnapshotIsRejectedUnverifiedSnapshot() {
        start();
        a.manifests.pipeInput(new OrgKey(ORG), manifest("snap-bad", false, a.now));

        a.clients.pipeInput(key("c-unv"), client("c-unv", a.now).setSnapshotId("snap-bad").build());

        Rejection rejection = onlyRejection();
        assertThat(rejection.getReason()).isEqualTo(RejectionReason.UNVERIFIED_SNAPSHOT);
        assertThat(rejection.getStage()).isEqualTo(Stage.ANALYZER);
        assertThat(rejection.getDetail()).contains("snap-bad", "TOTAL_MISMATCH");
        assertThat(a.riskEvents()).as("an unverified snapshot is never evaluated").isEmpty();
        assertThat(a.<OAuthClientSnapshot>store(GovernanceTopology.CLIENTS_STORE).get(key("c-unv"))).isNull();
    }

    @Test
    void activityRecordWithoutAValueIsRejectedMalformed() {
        start();

        a.activity.pipeInput(key("c-null"), null);

        Rejection rejection = onlyRejection();
        assertThat(rejection.getReason()).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejection.getSourceTopic()).isEqualTo(TopicCatalog.ACTIVITY.name());
    }

    @Test
    void clientRecordWhoseKeyDisagreesWithItsValueIsRejectedMalformed() {
        start();

        a.clients.pipeInput(key("c-one"), client("c-other", a.now).build());

        Rejection rejection = onlyRejection();
        assertThat(rejection.getReason()).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejection.getDetail()).contains("org-1/c-one", "org-1/c-other");
        assertThat(a.riskEvents()).isEmpty();
    }
}
