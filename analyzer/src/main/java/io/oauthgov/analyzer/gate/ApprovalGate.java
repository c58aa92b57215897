package io.oauthgov.analyzer.gate;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.NoticeSettings;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.schemas.approval.ApprovalSignature;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an approval may pass. Fails closed: an approval passes only if it is well-formed, (when a key is
 * configured) correctly signed, from an approver allowed for the organization, not expired, for a client that is not
 * protected now, and names the live candidate by its current id and fingerprint. An APPROVE additionally needs the
 * client's owner (or, for an unowned client, the policy's fallback contact) to have been told about this candidate
 * at least the policy's notice period before, and an executor identity configured for the organization. A REJECT
 * (snooze) needs no notice: it only keeps the client. A pure function of its inputs, so every refusal reason is
 * testable alone.
 *
 * <p>Checks run in this order, and the first failing one is the reason: MALFORMED, BAD_SIGNATURE,
 * UNAUTHORIZED_APPROVER, EXPIRED, PROTECTED, UNKNOWN_CANDIDATE, STALE_FINGERPRINT, NOTICE_PENDING, UNKNOWN_IDENTITY. Authenticity
 * and authority come first so that an unauthenticated sender learns nothing about candidates from the reasons.
 */
public final class ApprovalGate {
    /** The candidate currently proposed for a client; noticedAt is when its owner was told, null when not yet. */
    public record LiveCandidate(String candidateId, String fingerprint, Instant noticedAt) {}

    private final AnalyzerSettings settings;
    private final NoticeSettings notice;

    public ApprovalGate(AnalyzerSettings settings, NoticeSettings notice) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.notice = Objects.requireNonNull(notice, "notice");
    }

    /**
     * @param key the approval record's key
     * @param live the client's live candidate, null when none
     * @param currentFingerprint the fingerprint of the client as it stands now, null when the client is unknown
     * @param protectedNow whether the integration registry protects the client now
     */
    public GateDecision decide(ClientKey key, Approval approval, LiveCandidate live, String currentFingerprint,
                               boolean protectedNow, Instant now) {
        Optional<GateDecision> unauthentic = authenticate(key, approval, now);
        if (unauthentic.isPresent()) {
            return unauthentic.get();
        }
        if (protectedNow) {
            return GateDecision.refuse(RejectionReason.PROTECTED,
                    "client " + approval.getClientId() + " is protected in the integration registry");
        }
        if (live == null) {
            return GateDecision.refuse(RejectionReason.UNKNOWN_CANDIDATE,
                    "no live deletion candidate for client " + approval.getClientId() + " (never proposed, withdrawn or snoozed)");
        }
        if (!live.candidateId().equals(approval.getCandidateId())
                || !live.fingerprint().equals(approval.getFingerprint())
                || (currentFingerprint != null && !currentFingerprint.equals(live.fingerprint()))) {
            return GateDecision.refuse(RejectionReason.STALE_FINGERPRINT, "approval quotes candidate "
                    + approval.getCandidateId() + " with fingerprint " + approval.getFingerprint()
                    + " but the live candidate is " + live.candidateId() + " with fingerprint " + live.fingerprint());
        }
        if (approval.getDecision() == Decision.APPROVE) {
            Optional<GateDecision> pending = noticePending(approval, live, now);
            if (pending.isPresent()) {
                return pending.get();
            }
            Optional<String> identity = settings.executorIdentity(approval.getOrgId());
            if (identity.isEmpty()) {
                return GateDecision.refuse(RejectionReason.UNKNOWN_IDENTITY,
                        "no executor identity is configured for org " + approval.getOrgId());
            }
            return GateDecision.pass(identity.get());
        }
        return GateDecision.pass(null);
    }

    /** Nobody may delete what its owner has not been told about, nor before the owner had the notice period to object. */
    private Optional<GateDecision> noticePending(Approval approval, LiveCandidate live, Instant now) {
        if (!notice.required()) {
            return Optional.empty();
        }
        if (live.noticedAt() == null) {
            return Optional.of(GateDecision.refuse(RejectionReason.NOTICE_PENDING, "the owner of client "
                    + approval.getClientId() + " has not been told about candidate " + live.candidateId()
                    + " yet; approvals pass " + notice.period().toDays() + " days after `oauthgov notify` told them"));
        }
        Instant from = notice.approvableFrom(live.noticedAt());
        if (now.isBefore(from)) {
            return Optional.of(GateDecision.refuse(RejectionReason.NOTICE_PENDING, "the owner of client "
                    + approval.getClientId() + " was told at " + live.noticedAt() + "; the policy gives them "
                    + notice.period().toDays() + " days to object, so send the approval again after " + from));
        }
        return Optional.empty();
    }

    /**
     * The checks that say whether a decision comes from someone allowed to make it, in the gate's order: MALFORMED,
     * BAD_SIGNATURE, UNAUTHORIZED_APPROVER, EXPIRED. Also used for org-wide decisions such as confirming a surge.
     *
     * @return the refusal, empty when the decision is authentic, authorized and current
     */
    public Optional<GateDecision> authenticate(ClientKey key, Approval approval, Instant now) {
        Optional<String> malformed = malformed(key, approval);
        if (malformed.isPresent()) {
            return Optional.of(GateDecision.refuse(RejectionReason.MALFORMED, malformed.get()));
        }
        if (settings.hmacKey().isPresent() && !ApprovalSignature.verify(settings.hmacKey().get(), approval)) {
            return Optional.of(GateDecision.refuse(RejectionReason.BAD_SIGNATURE, approval.getSignature() == null
                    ? "approvals must be signed (HMAC-SHA256) but this one carries no signature"
                    : "the HMAC-SHA256 signature does not match the approval's canonical fields"));
        }
        if (!settings.mayApprove(approval.getOrgId(), approval.getApprover())) {
            return Optional.of(GateDecision.refuse(RejectionReason.UNAUTHORIZED_APPROVER,
                    "approver '" + approval.getApprover() + "' is not allowed to approve for org " + approval.getOrgId()));
        }
        if (!now.isBefore(approval.getExpiresAt())) {
            return Optional.of(GateDecision.refuse(RejectionReason.EXPIRED,
                    "approval expired at " + approval.getExpiresAt() + ", received at " + now));
        }
        return Optional.empty();
    }

    private static Optional<String> malformed(ClientKey key, Approval approval) {
        if (key == null) {
            return Optional.of("approval record has no key");
        }
        for (String[] field : new String[][] {
                {"approvalId", approval.getApprovalId()}, {"candidateId", approval.getCandidateId()},
                {"orgId", approval.getOrgId()}, {"clientId", approval.getClientId()},
                {"fingerprint", approval.getFingerprint()}, {"approver", approval.getApprover()}}) {
            if (field[1] == null || field[1].isBlank()) {
                return Optional.of("approval is missing " + field[0]);
            }
        }
        if (approval.getDecision() == null || approval.getApprovedAt() == null || approval.getExpiresAt() == null) {
            return Optional.of("approval is missing its decision or times");
        }
        if (!key.getOrgId().equals(approval.getOrgId()) || !key.getClientId().equals(approval.getClientId())) {
            return Optional.of("record key " + key.getOrgId() + "/" + key.getClientId() + " does not match the approval's "
                    + approval.getOrgId() + "/" + approval.getClientId());
        }
        if (approval.getExpiresAt().isBefore(approval.getApprovedAt())) {
            return Optional.of("approval expires (" + approval.getExpiresAt() + ") before it was given (" + approval.getApprovedAt() + ")");
        }
        return Optional.empty();
    }
}
