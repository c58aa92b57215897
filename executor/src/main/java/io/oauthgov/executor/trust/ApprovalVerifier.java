package io.oauthgov.executor.trust;

import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.schemas.approval.ApprovalSignature;
import java.time.Instant;
import java.util.Optional;

/**
 * The executor's own check of an approval, the gate's rules applied again where the irreversible calls happen:
 * anybody who can write {@code governance.deletions.approved} or {@code governance.quarantine} could otherwise
 * bypass the gate. The approval is rebuilt from the signed fields the record carries (an approved deletion always
 * quotes an APPROVE) and checked in the gate's order — BAD_SIGNATURE, UNAUTHORIZED_APPROVER, EXPIRED — so an
 * unauthenticated writer learns nothing from the reasons. Thread-safe; a pure function of its inputs.
 */
public final class ApprovalVerifier {
    private final ApprovalTrust trust;
    private final ExpiryRule expiryRule;

    public ApprovalVerifier(ApprovalTrust trust, ExpiryRule expiryRule) {
        this.trust = trust;
        this.expiryRule = expiryRule;
    }

    /** Before a deactivation: authentic, authorized, and valid at {@code at} (when the PUT is about to leave). */
    public Optional<Verdict> forDeactivation(ApprovedDeletion approved, Instant at) {
        Approval approval = approvalOf(approved);
        return authentic(approval).or(() -> validAt(approval, at, "the deactivation"));
    }

    /** The approval an approved deletion quotes, as its approval system signed it (what {@code ApprovalSignature} covers). */
    public static Approval approvalOf(ApprovedDeletion approved) {
        return Approval.newBuilder()
                .setApprovalId(approved.getApprovalId())
                .setCandidateId(approved.getCandidateId())
                .setOrgId(approved.getOrgId())
                .setClientId(approved.getClientId())
                .setFingerprint(approved.getFingerprint())
                .setDecision(Decision.APPROVE)
                .setApprover(approved.getApprover())
                .setApprovedAt(approved.getApprovedAt())
                .setExpiresAt(approved.getExpiresAt())
                .setSignature(approved.getSignature())
                .build();
    }

    /**
     * Before the DELETE that ends a quarantine: the approval the quarantine carries must still verify (an approver
     * removed since loses authority over deletes not yet made), and its expiry is read by the {@link ExpiryRule}.
     */
    public Optional<Verdict> forDelete(QuarantineEntry entry, Instant now) {
        if (entry.getSignature() == null || entry.getApprovalFingerprint() == null || entry.getApprover() == null
                || entry.getExpiresAt() == null) {
            return Optional.of(new Verdict(RejectionReason.BAD_SIGNATURE,
                    "the quarantine entry does not carry the signed approval, so the delete cannot be verified"));
        }
        Approval approval = Approval.newBuilder()
                .setApprovalId(entry.getApprovalId())
                .setCandidateId(entry.getCandidateId())
                .setOrgId(entry.getOrgId())
                .setClientId(entry.getClientId())
                .setFingerprint(entry.getApprovalFingerprint())
                .setDecision(Decision.APPROVE)
                .setApprover(entry.getApprover())
                .setApprovedAt(entry.getApprovedAt())
                .setExpiresAt(entry.getExpiresAt())
                .setSignature(entry.getSignature())
                .build();
        Optional<Verdict> authentic = authentic(approval);
        if (authentic.isPresent()) {
            return authentic;
        }
        return switch (expiryRule) {
            case QUARANTINE_BEGUN_WHILE_VALID -> validAt(approval, entry.getDeactivatedAt(), "the start of the quarantine");
            case VALID_AT_DELETE -> validAt(approval, now, "the delete");
        };
    }

    private Optional<Verdict> authentic(Approval approval) {
        for (String field : new String[] {approval.getApprovalId(), approval.getCandidateId(), approval.getOrgId(),
                approval.getClientId(), approval.getFingerprint(), approval.getApprover()}) {
            if (field == null || field.isBlank()) {
                return Optional.of(new Verdict(RejectionReason.MALFORMED, "the approval is missing a signed field"));
            }
        }
        if (approval.getApprovedAt() == null || approval.getExpiresAt() == null) {
            return Optional.of(new Verdict(RejectionReason.MALFORMED, "the approval is missing its times"));
        }
        if (trust.hmacKey().isEmpty()) {
            return Optional.of(new Verdict(RejectionReason.BAD_SIGNATURE,
                    "no approval HMAC key is configured for the executor, so no approval can be verified"));
        }
        if (!ApprovalSignature.verify(trust.hmacKey().get(), approval)) {
            return Optional.of(new Verdict(RejectionReason.BAD_SIGNATURE, approval.getSignature() == null
                    ? "the approval carries no signature"
                    : "the HMAC-SHA256 signature does not match the approval's signed fields"));
        }
        if (!trust.mayApprove(approval.getOrgId(), approval.getApprover())) {
            return Optional.of(new Verdict(RejectionReason.UNAUTHORIZED_APPROVER,
                    "approver '" + approval.getApprover() + "' is not allowed to approve for org " + approval.getOrgId()));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> validAt(Approval approval, Instant at, String what) {
        if (!at.isBefore(approval.getExpiresAt())) {
            return Optional.of(new Verdict(RejectionReason.EXPIRED,
                    "approval expired at " + approval.getExpiresAt() + ", before " + what + " at " + at));
        }
        return Optional.empty();
    }
}
