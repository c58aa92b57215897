package io.oauthgov.executor.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.schemas.approval.ApprovalSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalVerifierTest {
    private static final byte[] KEY = "verifier-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant APPROVED = Instant.parse("2026-03-01T10:00:00Z");
    private static final ApprovalTrust TRUST = ApprovalTrust.of(KEY, Map.of("org-1", Set.of("Alice@Example.com")));
    private final ApprovalVerifier verifier = new ApprovalVerifier(TRUST, ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID);

    private static ApprovedDeletion approval(String approver, Duration validFor) {
        OAuthClientSnapshot judged = OAuthClientSnapshot.newBuilder().setOrgId("org-1").setId("c-1").setName("n")
                .setState("active").setRegion("r").setSnapshotId("s").setObservedAt(APPROVED).build();
        ApprovedDeletion unsigned = ApprovedDeletion.newBuilder().setCandidateId("cand-1").setApprovalId("appr-1").setOrgId("org-1")
                .setClientId("c-1").setIdentityId("exec").setFingerprint("fp-1").setJudged(judged).setApprover(approver)
                .setApprovedAt(APPROVED).setExpiresAt(APPROVED.plus(validFor)).setPassedGateAt(APPROVED).setPolicyId("p")
                .setPolicyVersion("1").build();
        return ApprovedDeletion.newBuilder(unsigned).setSignature(ApprovalSignature.sign(KEY, ApprovalVerifier.approvalOf(unsigned))).build();
    }

    private static Optional<RejectionReason> reason(Optional<Verdict> verdict) {
        return verdict.map(Verdict::reason);
    }

    @Test
    void aCorrectlySignedAuthorizedUnexpiredApprovalVerifies() {
        assertThat(verifier.forDeactivation(approval("alice@example.com", Duration.ofDays(1)), APPROVED.plusSeconds(60))).isEmpty();
    }

    @Test
    void unsignedForgedAndTamperedApprovalsAreBadSignatures() {
        ApprovedDeletion good = approval("alice@example.com", Duration.ofDays(1));
        Instant now = APPROVED.plusSeconds(60);
        ApprovedDeletion unsigned = ApprovedDeletion.newBuilder(good).setSignature(null).build();
        ApprovedDeletion forged = ApprovedDeletion.newBuilder(good).setSignature(ApprovalSignature.sign(
                "someone-elses-key-0123456789abcd".getBytes(StandardCharsets.UTF_8), ApprovalVerifier.approvalOf(unsigned))).build();
        ApprovedDeletion otherClient = ApprovedDeletion.newBuilder(good).setClientId("c-2").build();
        ApprovedDeletion longerValidity = ApprovedDeletion.newBuilder(good).setExpiresAt(APPROVED.plus(Duration.ofDays(30))).build();

        for (ApprovedDeletion bad : List.of(unsigned, forged, otherClient, longerValidity)) {
            assertThat(reason(verifier.forDeactivation(bad, now))).contains(RejectionReason.BAD_SIGNATURE);
        }
    }

    @Test
    void aSignedApprovalFromAnApproverNotListedForTheOrgIsUnauthorized() {
        assertThat(reason(verifier.forDeactivation(approval("nobody@example.com", Duration.ofDays(1)), APPROVED.plusSeconds(1))))
                .contains(RejectionReason.UNAUTHORIZED_APPROVER);
    }

    @Test
    void anApprovalIsExpiredFromItsExpiryOn() {
        ApprovedDeletion approval = approval("alice@example.com", Duration.ofSeconds(20));
        assertThat(verifier.forDeactivation(approval, APPROVED.plusSeconds(19))).isEmpty();
        assertThat(reason(verifier.forDeactivation(approval, APPROVED.plusSeconds(20)))).contains(RejectionReason.EXPIRED);
    }

    @Test
    void withoutAKeyNothingVerifies() {
        ApprovalVerifier keyless = new ApprovalVerifier(ApprovalTrust.none(), ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID);
        assertThat(reason(keyless.forDeactivation(approval("alice@example.com", Duration.ofDays(1)), APPROVED))).contains(RejectionReason.BAD_SIGNATURE);
    }

    private static QuarantineEntry quarantineOf(ApprovedDeletion approval, Instant deactivatedAt) {
        return QuarantineEntry.newBuilder().setCandidateId(approval.getCandidateId()).setApprovalId(approval.getApprovalId())
                .setOrgId(approval.getOrgId()).setClientId(approval.getClientId()).setIdentityId(approval.getIdentityId())
                .setFingerprint("fp-deactivated").setDeactivatedAt(deactivatedAt).setReleaseAt(deactivatedAt.plus(Duration.ofDays(7)))
                .setApprovedAt(approval.getApprovedAt()).setPhase(QuarantinePhase.QUARANTINED).setApprovalFingerprint(approval.getFingerprint())
                .setApprover(approval.getApprover()).setExpiresAt(approval.getExpiresAt()).setSignature(approval.getSignature()).build();
    }

    @Test
    void byDefaultAQuarantineBegunUnderAValidApprovalMayEndInADeleteAfterItExpired() {
        ApprovedDeletion approval = approval("alice@example.com", Duration.ofDays(7));
        Instant afterExpiry = APPROVED.plus(Duration.ofDays(8));

        assertThat(verifier.forDelete(quarantineOf(approval, APPROVED.plusSeconds(60)), afterExpiry)).isEmpty();
        assertThat(reason(verifier.forDelete(quarantineOf(approval, APPROVED.plus(Duration.ofDays(7))), afterExpiry)))
                .as("a quarantine entry claiming a start after the expiry").contains(RejectionReason.EXPIRED);
        assertThat(reason(new ApprovalVerifier(TRUST, ExpiryRule.VALID_AT_DELETE).forDelete(quarantineOf(approval, APPROVED.plusSeconds(60)), afterExpiry)))
                .as("strict: valid at the delete too").contains(RejectionReason.EXPIRED);
    }

    @Test
    void aQuarantineEntryWithoutItsSignedApprovalOrWithAnApproverRemovedSinceIsNeverDeleted() {
        ApprovedDeletion approval = approval("alice@example.com", Duration.ofDays(7));
        QuarantineEntry entry = quarantineOf(approval, APPROVED.plusSeconds(60));
        QuarantineEntry written = QuarantineEntry.newBuilder(entry).setSignature(null).build();
        ApprovalVerifier approverRemoved = new ApprovalVerifier(ApprovalTrust.of(KEY, Map.of("org-1", Set.of("bob@example.com"))),
                ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID);

        assertThat(reason(verifier.forDelete(written, APPROVED.plusSeconds(120)))).contains(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(approverRemoved.forDelete(entry, APPROVED.plusSeconds(120)))).contains(RejectionReason.UNAUTHORIZED_APPROVER);
    }
}
