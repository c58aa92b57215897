package io.oauthgov.executor.work;

import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.executor.trust.Verdict;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Phase two, for a deactivated client: when its quarantine ends, or an operator asks for a restore. Any sign that
 * deleting would hurt — a restore request, a change since the deactivation, protection in the registry, use since
 * the deactivation, an approval that no longer verifies — sets it active again → RESTORED, with a risk event saying
 * why (and, for the approval, a rejection with its reason). Untouched → the intent "about to delete" is committed,
 * then DELETE, then read until the platform confirms (404, or inactive with its purge date) → DELETED. A client found
 * gone while that intent is on record was deleted by this executor before a restart: DELETED too.
 */
public final class QuarantineWork {
    private static final Duration CONFIRM_PAUSE = Duration.ofMillis(200);

    private final WorkContext context;
    private final ExecutorSettings settings;
    private final ProtectionRegistry protection;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final OutcomeFactory outcomes;
    private final OrgUsage usage;
    private final ApprovalVerifier verifier;

    public QuarantineWork(WorkContext context) {
        this.context = context;
        this.settings = context.settings();
        this.protection = context.protection();
        this.killSwitch = context.killSwitch();
        this.clock = context.clock();
        this.outcomes = new OutcomeFactory(clock);
        this.usage = new OrgUsage(clock);
        this.verifier = context.verifier();
    }

    /** @param restore an operator's restore request for this quarantine, or null */
    public Step release(QuarantineEntry entry, ControlCommand restore, GenesysClient api) throws InterruptedException {
        Subject subject = Subject.of(entry);
        Instant startedAt = clock.instant();
        long callsBefore = api.metrics().calls();
        QuarantineEntry current = entry;
        while (true) {
            try {
                killSwitch.awaitClear(subject.orgId());
                boolean deleteIntended = current.getPhase() == QuarantinePhase.DELETING;
                Optional<OAuthClient> found = api.oauthClients().get(subject.clientId());
                if (found.isEmpty() || LiveClients.deleted(found.get())) {
                    String state = found.isEmpty() ? "reads 404" : "the platform purges it at " + found.get().dateToDelete();
                    // our intent is on record: the DELETE was ours, sent before a restart (or a lost answer)
                    return Step.released(deleteIntended
                            ? outcomes.of(subject, OutcomeKind.DELETED, startedAt, api.metrics().calls() - callsBefore,
                                    "deleted by this executor (intent on record before a restart); " + state)
                            : outcomes.of(subject, OutcomeKind.ALREADY_ABSENT, startedAt, api.metrics().calls() - callsBefore,
                                    "gone when the quarantine ended; " + state), null);
                }
                OAuthClient client = found.get();
                List<String> reasons = reasonsToRestore(current, restore, client, api);
                Optional<Verdict> unverified = verifier.forDelete(current, clock.instant());
                unverified.ifPresent(v -> reasons.add("the approval no longer verifies (" + v.reason() + "): " + v.detail()));
                if (killSwitch.engagedFor(subject.orgId())) {
                    continue;
                }
                if (!reasons.isEmpty()) {
                    if (!"active".equalsIgnoreCase(client.state())) {
                        api.oauthClients().reactivate(client);
                    }
                    String why = String.join("; ", reasons);
                    Step restored = Step.released(outcomes.of(subject, OutcomeKind.RESTORED, startedAt, api.metrics().calls() - callsBefore,
                            "set active again: " + why), restoredRisk(current, client, why));
                    return unverified.map(v -> restored.withRefusal(Refusal.ofApproval(subject.clientKey(), subject.candidateId(),
                            subject.approvalId(), v.reason(), "delete refused, client restored: " + v.detail(), clock.instant()))).orElse(restored);
                }
                if (!deleteIntended) {
                    QuarantineEntry deleting = QuarantineEntry.newBuilder(current).setPhase(QuarantinePhase.DELETING).build();
                    context.intents().record(deleting);
                    current = deleting;
                }
                boolean deleted = api.oauthClients().delete(subject.clientId());
                String confirmation = deleted ? confirmDeleted(subject.clientId(), api) : "gone before the DELETE";
                if (confirmation == null) {
                    return Step.released(outcomes.failed(subject, startedAt, api.metrics().calls() - callsBefore,
                            new GenesysApiException("DELETE of " + subject.clientId() + " was accepted but the client still reads as "
                                    + "present after " + settings.deleteConfirmTimeout().toSeconds() + " s", 0, "delete.unconfirmed",
                                    null, null, true, null)), null);
                }
                return Step.released(outcomes.of(subject, deleted ? OutcomeKind.DELETED : OutcomeKind.ALREADY_ABSENT, startedAt,
                        api.metrics().calls() - callsBefore, confirmation), null);
            } catch (GenesysApiException e) {
                if (!GovernedCaller.CHANGES_HALTED.equals(e.code())) {
                    // The entry stays: a quarantine whose end failed is tried again, never forgotten.
                    return Step.of(outcomes.failed(subject, startedAt, api.metrics().calls() - callsBefore, e));
                }
                // the kill switch stopped the change on its way out: start over once it is released
            } catch (RuntimeException e) {
                return Step.of(outcomes.failed(subject, startedAt, api.metrics().calls() - callsBefore, e));
            }
        }
    }

    private List<String> reasonsToRestore(QuarantineEntry entry, ControlCommand restore, OAuthClient client, GenesysClient api) {
        List<String> reasons = new ArrayList<>();
        if (restore != null) {
            reasons.add("restore requested by " + restore.getIssuedBy() + ": " + restore.getReason());
        }
        String now = ClientFingerprint.of(LiveClients.snapshot(client, entry.getOrgId(), "", clock.instant()), null);
        if (!now.equals(entry.getFingerprint())) {
            reasons.add("changed during the quarantine (state " + client.state() + ", modified " + client.dateModified() + ")");
        }
        Optional<IntegrationRecord> protectedBy = protection.protection(entry.getOrgId(), entry.getClientId());
        protectedBy.ifPresent(p -> reasons.add("protected in the integration registry by " + p.getSystem()));
        if (reasons.isEmpty()) {
            long requests = usage.requestsSince(api, entry.getClientId(), entry.getDeactivatedAt(), entry.getReleaseAt());
            if (requests > 0) {
                reasons.add("used during the quarantine: " + requests + " API request(s) since " + entry.getDeactivatedAt());
            }
        }
        return reasons;
    }

    /** Reads until the platform shows the delete: 404, or inactive with its purge date. Null when it never does. */
    private String confirmDeleted(String clientId, GenesysClient api) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.deleteConfirmTimeout());
        while (true) {
            Optional<OAuthClient> after = api.oauthClients().get(clientId);
            if (after.isEmpty()) {
                return "deleted; reads 404";
            }
            if (LiveClients.deleted(after.get())) {
                return "deleted; the platform purges it at " + after.get().dateToDelete();
            }
            if (clock.instant().isAfter(deadline)) {
                return null;
            }
            Thread.sleep(CONFIRM_PAUSE.toMillis());
        }
    }

    private RiskEvent restoredRisk(QuarantineEntry entry, OAuthClient client, String why) {
        Finding finding = Finding.newBuilder()
                .setRuleId("restored-from-quarantine")
                .setTitle("Approved deletion reversed during quarantine")
                .setReason(why)
                .setSeverity(Severity.MEDIUM)
                .setEvidence(Map.of("approvalId", entry.getApprovalId(), "deactivatedAt", entry.getDeactivatedAt().toString()))
                .build();
        return RiskEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(entry.getOrgId())
                .setClientId(entry.getClientId())
                .setClientName(client.name() == null ? "" : client.name())
                .setTime(clock.instant())
                .setSeverity(Severity.MEDIUM)
                .setScore(50)
                .setStatus(RiskStatus.CHANGED)
                .setFindings(List.of(finding))
                .setCandidate(CandidateChange.WITHDRAWN)
                .setCandidateNote("restored from quarantine: " + why)
                .setPolicyId("executor")
                .setPolicyVersion("quarantine")
                .setFindingStatus(FindingStatus.SUPPRESSED) // someone needed the client: the deletion was called off
                .build();
    }
}
