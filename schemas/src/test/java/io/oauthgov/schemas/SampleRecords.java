package io.oauthgov.schemas;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.AuthorizationDivision;
import io.oauthgov.avro.AuthorizationRole;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.EntityRef;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.PermissionPolicy;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.RoleDivision;
import io.oauthgov.avro.Severity;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.avro.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every key and value type in the catalog (optional fields set, not defaulted). */
public final class SampleRecords {
    public static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123Z");

    private SampleRecords() {}

    public static ClientKey clientKey() {
        return new ClientKey("org-1", "c-1");
    }

    public static OAuthClientSnapshot snapshot() {
        return OAuthClientSnapshot.newBuilder()
                .setOrgId("org-1").setRegion("us-east-1").setSnapshotId("snap-1").setObservedAt(T0)
                .setId("c-1").setName("Payroll export").setDescription("nightly export")
                .setAccessTokenValiditySeconds(86_400L)
                .setRegisteredRedirectUri(List.of("https://example.test/cb"))
                .setRoleIds(List.of("role-a")).setRoleDivisions(List.of(new RoleDivision("role-a", "div-1")))
                .setDateCreated(T0.minusSeconds(86_400 * 900L)).setDateModified(T0.minusSeconds(86_400 * 400L))
                .setCreatedBy(new EntityRef("user-1", "Ada")).setModifiedBy(new EntityRef("user-2", null))
                .setAuthorizedGrantType("CLIENT-CREDENTIALS").setScope(List.of("admin", "users:write"))
                .setState("active").setDateToDelete(T0.plusSeconds(86_400 * 7L))
                .build();
    }

    public static Finding finding() {
        return new Finding("stale-unused", "Unused for 180 days", "No usage or audit evidence since 2026-01-01",
                Severity.HIGH, Map.of("lastUsedAt", "2026-01-01T00:00:00Z"));
    }

    public static Map<Class<? extends SpecificRecord>, SpecificRecord> everyType() {
        return Map.ofEntries(
                Map.entry(ClientKey.class, clientKey()),
                Map.entry(OrgKey.class, new OrgKey("org-1")),
                Map.entry(ApiIdentityKey.class, new ApiIdentityKey("org-1", "executor-1")),
                Map.entry(OAuthClientSnapshot.class, snapshot()),
                Map.entry(SnapshotManifest.class, SnapshotManifest.newBuilder()
                        .setSnapshotId("snap-1").setOrgId("org-1").setRegion("us-east-1").setStartedAt(T0)
                        .setCompletedAt(T0.plusSeconds(3)).setExpectedTotal(10).setObservedTotal(10).setVerified(true)
                        .setDigest("ab12").setPages(2).setTombstones(1).setFailureReasons(List.of()).build()),
                Map.entry(ActivityEvidence.class, ActivityEvidence.newBuilder()
                        .setEvidenceId("audit-9").setOrgId("org-1").setClientId("c-1").setSource(EvidenceSource.AUDIT)
                        .setRelation(EvidenceRelation.CHANGED_CLIENT).setEventAt(T0).setObservedAt(T0.plusSeconds(60))
                        .setAction("Update").setServiceName("Platform").setActorId("user-2").setActorName("Bob")
                        .setTemplateUri("api/v2/users/{userId}").setHttpMethod("PATCH")
                        .setRequests(12).setStatus200(10).setStatus300(0).setStatus400(1).setStatus500(0).setStatus429(1).build()),
                Map.entry(AuthorizationSnapshot.class, AuthorizationSnapshot.newBuilder()
                        .setSnapshotId("auth-1").setOrgId("org-1").setRegion("us-east-1").setObservedAt(T0).setVerified(true)
                        .setRoles(List.of(AuthorizationRole.newBuilder().setId("role-1").setName("Master Admin")
                                .setDescription("all permissions").setDefaultRoleId("admin").setBase(true)
                                .setPermissions(List.of("admin")).setPermissionPolicies(List.of(new PermissionPolicy(
                                        "*", "*", List.of("*"), false))).build()))
                        .setDivisions(List.of(new AuthorizationDivision("div-1", "Home", true))).build()),
                Map.entry(IntegrationRecord.class, IntegrationRecord.newBuilder()
                        .setOrgId("org-1").setClientId("c-1").setOwner("payments-team").setSystem("payments-gateway")
                        .setCriticality(Criticality.CRITICAL).setProtected$(true).setReviewBy(LocalDate.of(2027, 1, 31))
                        .setNotes("do not touch").setUpdatedAt(T0).setSource("cmdb.csv").build()),
                Map.entry(RiskEvent.class, RiskEvent.newBuilder()
                        .setEventId("risk-1").setOrgId("org-1").setRegion("us-east-1").setClientId("c-1")
                        .setClientName("Payroll export").setTime(T0).setSeverity(Severity.HIGH).setScore(80)
                        .setStatus(RiskStatus.NEW).setFindings(List.of(finding())).setCandidate(CandidateChange.PROPOSED)
                        .setCandidateNote("stale for 200 days").setUsedDomains(List.of("analytics")).setPolicyId("default").setPolicyVersion("3").build()),
                Map.entry(DeletionCandidate.class, DeletionCandidate.newBuilder()
                        .setCandidateId("cand-1").setOrgId("org-1").setClientId("c-1").setClientName("Payroll export")
                        .setFingerprint("f00d").setReasons(List.of(finding())).setLastUsedAt(T0.minusSeconds(86_400 * 200L))
                        .setStaleSince(T0.minusSeconds(86_400 * 20L)).setEligibleAt(T0).setDecidedAt(T0)
                        .setPolicyId("default").setPolicyVersion("3").build()),
                Map.entry(Approval.class, Approval.newBuilder()
                        .setApprovalId("appr-1").setCandidateId("cand-1").setOrgId("org-1").setClientId("c-1")
                        .setFingerprint("f00d").setDecision(Decision.APPROVE).setApprover("alice@example.test")
                        .setApprovedAt(T0).setExpiresAt(T0.plusSeconds(86_400)).setTicketRef("CHG-1")
                        .setSignature("beef").setSource("servicenow").build()),
                Map.entry(ApprovedDeletion.class, ApprovedDeletion.newBuilder()
                        .setCandidateId("cand-1").setApprovalId("appr-1").setOrgId("org-1").setClientId("c-1")
                        .setIdentityId("executor-1").setFingerprint("f00d").setJudged(snapshot())
                        .setApprover("alice@example.test").setTicketRef("CHG-1").setApprovedAt(T0)
                        .setExpiresAt(T0.plusSeconds(86_400)).setPassedGateAt(T0.plusMillis(5))
                        .setPolicyId("default").setPolicyVersion("3").build()),
                Map.entry(Rejection.class, Rejection.newBuilder()
                        .setRejectionId("rej-1").setStage(Stage.APPROVAL_GATE).setReason(RejectionReason.STALE_FINGERPRINT)
                        .setDetail("fingerprint f00d is not the candidate's current one").setRejectedAt(T0)
                        .setSourceTopic("governance.approvals").setSourcePartition(3).setSourceOffset(42L)
                        .setCandidateId("cand-1").setApprovalId("appr-1")
                        .setRawKey(ByteBuffer.wrap(new byte[] {1, 2})).setRawValue(ByteBuffer.wrap(new byte[] {3})).build()),
                Map.entry(Outcome.class, Outcome.newBuilder()
                        .setOutcomeId("out-1").setCandidateId("cand-1").setApprovalId("appr-1").setOrgId("org-1")
                        .setClientId("c-1").setIdentityId("executor-1").setKind(OutcomeKind.CONFLICT_SKIPPED).setAttempts(2)
                        .setHttpStatus(200).setContextId("ctx-1").setCorrelationId("corr-1").setDetail("scope changed")
                        .setDifferingFields(List.of("scope")).setApprovedAt(T0).setStartedAt(T0.plusMillis(10))
                        .setFinishedAt(T0.plusMillis(90)).build()),
                Map.entry(QuarantineEntry.class, QuarantineEntry.newBuilder()
                        .setCandidateId("cand-1").setApprovalId("appr-1").setOrgId("org-1").setClientId("c-1")
                        .setIdentityId("executor-1").setFingerprint("f00d").setDeactivatedAt(T0)
                        .setReleaseAt(T0.plusSeconds(604_800)).setApprovedAt(T0).build()),
                Map.entry(CollectorCheckpoint.class, CollectorCheckpoint.newBuilder()
                        .setOrgId("org-1").setAuditThrough(T0).setAuditCursor("cur-7").setAuditTransactionId("tx-1")
                        .setUsageThroughDay(LocalDate.of(2026, 10, 31)).setLastVerifiedSnapshotId("snap-1")
                        .setUpdatedAt(T0).build()),
                Map.entry(ControlCommand.class, ControlCommand.newBuilder()
                        .setCommand(ControlAction.KILL_SWITCH_ON).setOrgId("*").setClientId(null).setReason("incident 42")
                        .setIssuedBy("sre@example.test").setIssuedAt(T0).build()));
    }
}
