package io.oauthgov.executor.work;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Phase one for an approved deletion: re-read the client live and decide. Absent → ALREADY_ABSENT; changed since
 * the judged snapshot → CONFLICT_SKIPPED naming the fields; protected now → BLOCKED_PROTECTED; dry run → DRY_RUN;
 * otherwise set it inactive (reversible) → DEACTIVATED, which starts its quarantine. The re-read is also what makes
 * a repeated attempt after a crash safe.
 */
public final class ApprovalWork {
    private final ExecutorSettings settings;
    private final ProtectionRegistry protection;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final OutcomeFactory outcomes;

    public ApprovalWork(ExecutorSettings settings, ProtectionRegistry protection, KillSwitch killSwitch, Clock clock) {
        this.settings = settings;
        this.protection = protection;
        this.killSwitch = killSwitch;
        this.clock = clock;
        this.outcomes = new OutcomeFactory(clock);
    }

    public Step handle(ApprovedDeletion approval, GenesysClient api) throws InterruptedException {
        Subject subject = Subject.of(approval);
        Instant startedAt = clock.instant();
        long callsBefore = api.metrics().calls();
        try {
            while (true) {
                if (settings.execute()) {
                    killSwitch.awaitClear(subject.orgId());
                }
                Optional<OAuthClient> found = api.oauthClients().get(subject.clientId());
                long calls = api.metrics().calls() - callsBefore;
                if (found.isEmpty()) {
                    return Step.of(outcomes.of(subject, OutcomeKind.ALREADY_ABSENT, startedAt, calls, "not found when re-read before the change"));
                }
                OAuthClient client = found.get();
                if (LiveClients.deleted(client)) {
                    return Step.of(outcomes.of(subject, OutcomeKind.ALREADY_ABSENT, startedAt, calls,
                            "already deleted; the platform purges it at " + client.dateToDelete()));
                }
                OAuthClientSnapshot judged = approval.getJudged();
                OAuthClientSnapshot live = LiveClients.snapshot(client, subject.orgId(), judged.getRegion(), clock.instant());
                List<String> differing = ClientFingerprint.differingFields(judged, live);
                boolean ours = !differing.isEmpty() && OwnDeactivation.recognises(differing, client, subject.identityId());
                if (!differing.isEmpty() && !ours) {
                    return Step.of(outcomes.of(subject, OutcomeKind.CONFLICT_SKIPPED, startedAt, calls,
                            "changed since approval: " + String.join(", ", differing), differing));
                }
                Optional<IntegrationRecord> protectedBy = protection.protection(subject.orgId(), subject.clientId());
                if (protectedBy.isPresent()) {
                    return Step.of(outcomes.of(subject, OutcomeKind.BLOCKED_PROTECTED, startedAt, calls,
                            "protected in the integration registry by " + protectedBy.get().getSystem() + " (owner "
                                    + protectedBy.get().getOwner() + ")"));
                }
                if (!settings.execute()) {
                    return Step.of(outcomes.of(subject, OutcomeKind.DRY_RUN, startedAt, calls,
                            "unchanged and unprotected: --execute would deactivate it, quarantine it for "
                                    + settings.quarantine() + ", then delete it"));
                }
                if (ours) {
                    Instant deactivatedAt = client.dateModified() != null ? client.dateModified() : clock.instant();
                    return quarantine(subject, approval, client, deactivatedAt, startedAt, api.metrics().calls() - callsBefore,
                            "deactivated by this executor before a restart; quarantine resumed");
                }
                if (killSwitch.engagedFor(subject.orgId())) {
                    continue; // engaged while we read: wait, then judge a fresh read
                }
                OAuthClient deactivated = api.oauthClients().deactivate(client);
                return quarantine(subject, approval, deactivated, clock.instant(), startedAt, api.metrics().calls() - callsBefore,
                        "set inactive; deleted after the quarantine unless used, changed, protected or restored");
            }
        } catch (GenesysApiException e) {
            if (GovernedCaller.CHANGES_HALTED.equals(e.code())) {
                return handle(approval, api); // the kill switch stopped the change on its way out: start over once it is released
            }
            return Step.of(outcomes.failed(subject, startedAt, api.metrics().calls() - callsBefore, e));
        } catch (RuntimeException e) {
            return Step.of(outcomes.failed(subject, startedAt, api.metrics().calls() - callsBefore, e));
        }
    }

    private Step quarantine(Subject subject, ApprovedDeletion approval, OAuthClient deactivated, Instant deactivatedAt,
                            Instant startedAt, long calls, String detail) {
        OAuthClientSnapshot asDeactivated = LiveClients.snapshot(deactivated, subject.orgId(), approval.getJudged().getRegion(), deactivatedAt);
        QuarantineEntry entry = QuarantineEntry.newBuilder()
                .setCandidateId(subject.candidateId())
                .setApprovalId(subject.approvalId())
                .setOrgId(subject.orgId())
                .setClientId(subject.clientId())
                .setIdentityId(subject.identityId())
                .setFingerprint(ClientFingerprint.of(asDeactivated, null))
                .setDeactivatedAt(deactivatedAt)
                .setReleaseAt(deactivatedAt.plus(settings.quarantine()))
                .setApprovedAt(subject.approvedAt())
                .build();
        return Step.quarantined(outcomes.of(subject, OutcomeKind.DEACTIVATED, startedAt, calls, detail), entry);
    }
}
