package io.oauthgov.executor.work;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.executor.trust.Verdict;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Phase one for an approved deletion: re-read the client live and decide. Absent → ALREADY_ABSENT; changed since
 * the judged snapshot → CONFLICT_SKIPPED naming the fields; protected now → BLOCKED_PROTECTED; dry run → DRY_RUN.
 * Then, right before the PUT: the approval must still verify (signature, approver, expiry at this moment), the
 * client must show no use since it was judged (→ IN_USE), and the blast-radius limits must allow one more. Only then
 * is the intent committed and the client set inactive (reversible) → DEACTIVATED, which starts its quarantine. The
 * re-read and the intent are what make a repeated attempt after a crash safe.
 */
public final class ApprovalWork {
    /** A usage reading this recent is as good as a new one: the platform's usage data lags about a day anyway. */
    private static final Duration USAGE_FRESH = Duration.ofMinutes(1);

    private final WorkContext context;
    private final OutcomeFactory outcomes;
    private final ApprovalVerifier verifier;
    private final OrgUsage usage;
    private final OrgSizes sizes;

    public ApprovalWork(WorkContext context) {
        this.context = context;
        this.outcomes = new OutcomeFactory(context.clock());
        this.verifier = context.verifier();
        this.usage = new OrgUsage(context.clock());
        this.sizes = new OrgSizes(context.clock());
    }

    /**
     * @param priorIntent the DEACTIVATING intent an earlier run committed for this approval, or null: the PUT may
     *                    have left before that run died
     */
    public Step handle(ApprovedDeletion approval, GenesysClient api, QuarantineEntry priorIntent) throws InterruptedException {
        return new Attempt(approval, api, priorIntent).run();
    }

    /** One approval's work; remembers whether an intent is on record, which every other ending must clear. */
    private final class Attempt {
        private final ApprovedDeletion approval;
        private final GenesysClient api;
        private final Subject subject;
        private final Instant startedAt;
        private final long callsBefore;
        private QuarantineEntry intent;

        Attempt(ApprovedDeletion approval, GenesysClient api, QuarantineEntry priorIntent) {
            this.approval = approval;
            this.api = api;
            this.subject = Subject.of(approval);
            this.startedAt = context.clock().instant();
            this.callsBefore = api.metrics().calls();
            this.intent = priorIntent;
        }

        Step run() throws InterruptedException {
            while (true) {
                try {
                    Step step = decide();
                    if (step != null) {
                        return intent == null ? step : step.endingEntry();
                    }
                } catch (GenesysApiException e) {
                    if (!GovernedCaller.CHANGES_HALTED.equals(e.code())) {
                        return ending(Step.of(outcomes.failed(subject, startedAt, calls(), e)));
                    }
                    // the kill switch stopped the change on its way out: start over with a fresh read once released
                } catch (RuntimeException e) {
                    return ending(Step.of(outcomes.failed(subject, startedAt, calls(), e)));
                }
            }
        }

        private Step ending(Step step) {
            return intent == null ? step : step.endingEntry();
        }

        /** The step to publish, or null to read again (the kill switch was engaged meanwhile). */
        private Step decide() throws InterruptedException {
            if (context.settings().execute()) {
                context.killSwitch().awaitClear(subject.orgId());
            }
            Optional<OAuthClient> found = api.oauthClients().get(subject.clientId());
            if (found.isEmpty()) {
                return Step.of(outcomes.of(subject, OutcomeKind.ALREADY_ABSENT, startedAt, calls(), "not found when re-read before the change"));
            }
            OAuthClient client = found.get();
            if (LiveClients.deleted(client)) {
                return Step.of(outcomes.of(subject, OutcomeKind.ALREADY_ABSENT, startedAt, calls(),
                        "already deleted; the platform purges it at " + client.dateToDelete()));
            }
            OAuthClientSnapshot judged = approval.getJudged();
            OAuthClientSnapshot live = LiveClients.snapshot(client, subject.orgId(), judged.getRegion(), context.clock().instant());
            List<String> differing = ClientFingerprint.differingFields(judged, live);
            boolean ours = !differing.isEmpty() && OwnDeactivation.recognises(differing, client, subject.identityId(), intent);
            if (!differing.isEmpty() && !ours) {
                return Step.of(outcomes.of(subject, OutcomeKind.CONFLICT_SKIPPED, startedAt, calls(),
                        "changed since approval: " + String.join(", ", differing), differing));
            }
            Optional<IntegrationRecord> protectedBy = context.protection().protection(subject.orgId(), subject.clientId());
            if (protectedBy.isPresent()) {
                return Step.of(outcomes.of(subject, OutcomeKind.BLOCKED_PROTECTED, startedAt, calls(),
                        "protected in the integration registry by " + protectedBy.get().getSystem() + " (owner "
                                + protectedBy.get().getOwner() + ")"));
            }
            if (!context.settings().execute()) {
                return Step.of(outcomes.of(subject, OutcomeKind.DRY_RUN, startedAt, calls(),
                        "unchanged and unprotected: --execute would check its use since approval, deactivate it, quarantine it for "
                                + context.settings().quarantine() + ", then delete it"));
            }
            if (ours) {
                Instant deactivatedAt = intent != null ? intent.getDeactivatedAt()
                        : client.dateModified() != null ? client.dateModified() : context.clock().instant();
                context.blastRadius().counted(subject.orgId(), deactivatedAt);
                return quarantine(client, deactivatedAt, "deactivated by this executor before a restart; quarantine resumed");
            }
            Optional<Verdict> unverified = verifier.forDeactivation(approval, context.clock().instant());
            if (unverified.isPresent()) {
                return refused(unverified.get());
            }
            Optional<Step> inUse = useSinceJudged();
            if (inUse.isPresent()) {
                return inUse.get();
            }
            Instant reservedAt = context.clock().instant();
            Optional<Verdict> limit = context.blastRadius().reserve(subject.orgId(), sizes.clients(api), reservedAt);
            if (limit.isPresent()) {
                return refused(limit.get());
            }
            boolean deactivated = false;
            try {
                if (context.killSwitch().engagedFor(subject.orgId())) {
                    return null; // engaged while we read: wait, then judge a fresh read
                }
                recordIntent();
                OAuthClient inactive = api.oauthClients().deactivate(client);
                deactivated = true;
                return quarantine(inactive, context.clock().instant(),
                        "set inactive; deleted after the quarantine unless used, changed, protected or restored");
            } finally {
                if (!deactivated) {
                    context.blastRadius().giveBack(subject.orgId(), reservedAt);
                }
            }
        }

        /** Use after the judgement: the activity topic, then the org-wide usage query from the judged day on. */
        private Optional<Step> useSinceJudged() {
            Instant judgedAt = approval.getJudged().getObservedAt();
            if (judgedAt.isBefore(context.use().readFrom())) {
                return Optional.of(refused(new Verdict(RejectionReason.INSUFFICIENT_EVIDENCE, "judged at " + judgedAt
                        + ", before the activity this executor read (from " + context.use().readFrom() + "): its use since cannot be checked")));
            }
            Optional<Instant> evidence = context.use().usedSince(subject.orgId(), subject.clientId(), judgedAt);
            if (evidence.isPresent()) {
                return Optional.of(Step.of(outcomes.of(subject, OutcomeKind.IN_USE, startedAt, calls(),
                        "used since it was judged at " + judgedAt + ": activity evidence at " + evidence.get() + "; not deactivated")));
            }
            Instant now = context.clock().instant();
            long requests = usage.requestsSince(api, subject.clientId(), judgedAt.truncatedTo(ChronoUnit.DAYS), now.minus(USAGE_FRESH));
            if (requests > 0) {
                return Optional.of(Step.of(outcomes.of(subject, OutcomeKind.IN_USE, startedAt, calls(),
                        "used since it was judged at " + judgedAt + ": " + requests + " API request(s) in the usage data; not deactivated")));
            }
            return Optional.empty();
        }

        /** Commits "about to deactivate" before the PUT leaves. */
        private void recordIntent() throws InterruptedException {
            Instant now = context.clock().instant();
            QuarantineEntry deactivating = entry(approval.getFingerprint(), now, QuarantinePhase.DEACTIVATING);
            context.intents().record(deactivating);
            intent = deactivating;
        }

        private Step quarantine(OAuthClient deactivated, Instant deactivatedAt, String detail) {
            OAuthClientSnapshot asDeactivated = LiveClients.snapshot(deactivated, subject.orgId(), approval.getJudged().getRegion(), deactivatedAt);
            QuarantineEntry entry = entry(ClientFingerprint.of(asDeactivated, null), deactivatedAt, QuarantinePhase.QUARANTINED);
            return Step.quarantined(outcomes.of(subject, OutcomeKind.DEACTIVATED, startedAt, calls(), detail), entry);
        }

        /** A quarantine entry carrying the signed approval, so the delete can verify it again. */
        private QuarantineEntry entry(String fingerprint, Instant deactivatedAt, QuarantinePhase phase) {
            return QuarantineEntry.newBuilder()
                    .setCandidateId(subject.candidateId())
                    .setApprovalId(subject.approvalId())
                    .setOrgId(subject.orgId())
                    .setClientId(subject.clientId())
                    .setIdentityId(subject.identityId())
                    .setFingerprint(fingerprint)
                    .setDeactivatedAt(deactivatedAt)
                    .setReleaseAt(deactivatedAt.plus(context.settings().quarantine()))
                    .setApprovedAt(subject.approvedAt())
                    .setPhase(phase)
                    .setApprovalFingerprint(approval.getFingerprint())
                    .setApprover(approval.getApprover())
                    .setExpiresAt(approval.getExpiresAt())
                    .setSignature(approval.getSignature())
                    .build();
        }

        private Step refused(Verdict verdict) {
            return Step.refused(Refusal.ofApproval(subject.clientKey(), subject.candidateId(), subject.approvalId(), verdict.reason(),
                    verdict.detail(), context.clock().instant()));
        }

        private long calls() {
            return api.metrics().calls() - callsBefore;
        }
    }
}
