package io.oauthgov.cli.approvals;

import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a human's decision about a deletion candidate into the {@link Approval} the analyzer's gate checks.
 *
 * <p>The approval quotes the candidate's id and fingerprint exactly as read from the candidates topic: the gate
 * passes it only while the live candidate still carries that fingerprint, so a client that changed after the human
 * looked at it is never deleted on the strength of an old decision.
 */
public final class ApprovalRequests {
    public static final String DEFAULT_SOURCE = "oauthgov approve";

    private ApprovalRequests() {}

    /**
     * What a human decided, independent of which candidate it applies to.
     *
     * @param validity how long after {@code approvedAt} the gate still accepts the approval
     * @param ticketRef the change ticket that records the decision; may be null
     */
    public record Terms(Decision decision, String approver, String ticketRef, Duration validity, String source) {
        public Terms {
            Objects.requireNonNull(decision, "decision");
            if (approver == null || approver.isBlank()) {
                throw new IllegalArgumentException("an approval needs an approver");
            }
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("an approval must be valid for a positive time, was " + validity);
            }
            approver = approver.trim();
            source = source == null || source.isBlank() ? DEFAULT_SOURCE : source.trim();
        }
    }

    /** A signed approval when a key is given, an unsigned one otherwise; with a fresh random approval id. */
    /** A signed confirmation that every surge the brake holds in {@code orgId} may proceed. */
    public static Approval confirmSurge(String orgId, Terms terms, Instant approvedAt, Optional<byte[]> key) {
        Approval approval = Approval.newBuilder()
                .setApprovalId(UUID.randomUUID().toString())
                .setCandidateId(io.oauthgov.schemas.topics.OrgWide.SURGE_CONFIRMATION_PREFIX + "*")
                .setOrgId(orgId)
                .setClientId(io.oauthgov.schemas.topics.OrgWide.CLIENT_ID)
                .setFingerprint(io.oauthgov.schemas.topics.OrgWide.SURGE_CONFIRMATION_FINGERPRINT)
                .setDecision(Decision.APPROVE)
                .setApprover(terms.approver())
                .setApprovedAt(approvedAt)
                .setExpiresAt(approvedAt.plus(terms.validity()))
                .setTicketRef(terms.ticketRef())
                .setSource(terms.source())
                .build();
        return key.map(k -> signed(approval, k)).orElse(approval);
    }

    public static Approval create(DeletionCandidate candidate, Terms terms, Instant approvedAt, Optional<byte[]> key) {
        Approval approval = unsigned(candidate, terms, approvedAt, UUID.randomUUID().toString());
        return key.map(k -> signed(approval, k)).orElse(approval);
    }

    /** The approval without a signature; {@code approvalId} must be unique (the gate and executor track by it). */
    public static Approval unsigned(DeletionCandidate candidate, Terms terms, Instant approvedAt, String approvalId) {
        // The topic stores milliseconds; truncating here makes the record in hand equal the record read back.
        Instant at = approvedAt.truncatedTo(ChronoUnit.MILLIS);
        return Approval.newBuilder()
                .setApprovalId(approvalId)
                .setCandidateId(candidate.getCandidateId())
                .setOrgId(candidate.getOrgId())
                .setClientId(candidate.getClientId())
                .setFingerprint(candidate.getFingerprint())
                .setDecision(terms.decision())
                .setApprover(terms.approver())
                .setApprovedAt(at)
                .setExpiresAt(at.plus(terms.validity()))
                .setTicketRef(terms.ticketRef())
                .setSource(terms.source())
                .setSignature(null)
                .build();
    }

    /** A copy carrying the HMAC-SHA256 signature over the approval's canonical fields (see {@link ApprovalSignature}). */
    public static Approval signed(Approval approval, byte[] key) {
        Approval copy = Approval.newBuilder(approval).build();
        copy.setSignature(ApprovalSignature.sign(key, copy));
        return copy;
    }
}
