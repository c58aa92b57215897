package io.oauthgov.cli.audit;

import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.schemas.topics.OrgWide;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what the pipeline recorded into one row per client. The analyzer is the authority: a client is a candidate
 * exactly when the candidates topic holds one for it, and its severity and findings are those of its latest risk
 * event (what a SIEM received). The policy evaluated once more on the recorded evidence (the replay's
 * {@link Verdict}) adds what the topics do not carry for every client: its last use and, for a client that is not a
 * candidate, why not (in use, protected, in its grace period …). An org the analyzer could not judge says so instead.
 *
 * @param clients the latest snapshot of every client (the compacted clients topic)
 * @param integrations the integration registry (entries, removals and import markers)
 * @param risk the risk topic in log order: the last event of a client is its current state
 * @param candidates the open deletion candidates
 * @param verdicts the policy's verdict per client on the recorded evidence
 */
public record AuditRows(Map<ClientKey, OAuthClientSnapshot> clients, Map<ClientKey, IntegrationRecord> integrations,
                        List<RiskEvent> risk, Map<ClientKey, DeletionCandidate> candidates, Map<ClientKey, Verdict> verdicts) {

    private static final Comparator<AuditRow> ORDER = Comparator.comparing(AuditRow::orgId).thenComparing(AuditRow::clientName)
            .thenComparing(AuditRow::clientId);

    /** Every client, ordered by org, name and id. */
    public List<AuditRow> rows() {
        Map<ClientKey, RiskEvent> latest = latestRisk();
        Map<String, String> notJudged = orgsNotJudged(latest);
        return clients.entrySet().stream().filter(e -> !OrgWide.isOrgWide(e.getKey()))
                .map(e -> row(e.getKey(), e.getValue(), latest.get(e.getKey()), notJudged.get(e.getKey().getOrgId())))
                .sorted(ORDER).toList();
    }

    /**
     * Each org the analyzer could not judge (its latest org-wide insufficient-evidence event is open), with what is
     * missing and the command that fills it.
     */
    public Map<String, String> orgsNotJudged() {
        return orgsNotJudged(latestRisk());
    }

    private Map<ClientKey, RiskEvent> latestRisk() {
        Map<ClientKey, RiskEvent> latest = new HashMap<>();
        risk.forEach(event -> latest.put(new ClientKey(event.getOrgId(), event.getClientId()), event));
        return latest;
    }

    private static Map<String, String> orgsNotJudged(Map<ClientKey, RiskEvent> latest) {
        Map<String, String> notJudged = new HashMap<>();
        latest.forEach((key, event) -> {
            if (!OrgWide.isOrgWide(key) || event.getStatus() == RiskStatus.RESOLVED) {
                return;
            }
            event.getFindings().stream().filter(f -> f.getRuleId().equals(OrgFindings.INSUFFICIENT_EVIDENCE)).findFirst()
                    .ifPresent(f -> notJudged.put(key.getOrgId(), f.getReason()));
        });
        return notJudged;
    }

    private AuditRow row(ClientKey key, OAuthClientSnapshot snapshot, RiskEvent risk, String notJudged) {
        List<Finding> findings = risk == null || risk.getStatus() == RiskStatus.RESOLVED ? List.of() : risk.getFindings();
        String severity = findings.isEmpty() ? AuditRow.NO_SEVERITY : risk.getSeverity().name();
        DeletionCandidate candidate = candidates.get(key);
        Verdict verdict = verdicts.get(key);
        String reason;
        if (candidate != null) {
            reason = candidate.getReasons().stream().map(f -> f.getRuleId() + ": " + f.getReason()).collect(Collectors.joining("; "));
        } else if (notJudged != null) {
            reason = "not judged, the org's evidence is incomplete: " + notJudged;
        } else if (verdict == null || verdict.candidateNote() == null) {
            reason = "no candidate rule holds";
        } else {
            // The analyzer weighs more than the policy alone (evidence still arriving, a snooze); it decides.
            reason = verdict.candidate() ? "not proposed by the analyzer; by the policy alone: " + verdict.candidateNote()
                    : verdict.candidateNote();
        }
        IntegrationRecord integration = integrations.get(key);
        String owner = integration != null && integration.getRecordType() == IntegrationRecordType.ENTRY ? integration.getOwner() : "";
        String lastUsedAt = verdict == null || verdict.lastUsedAt() == null ? null : verdict.lastUsedAt().toString();
        return new AuditRow(key.getOrgId(), key.getClientId(), snapshot.getName(), snapshot.getAuthorizedGrantType(),
                snapshot.getState(), owner, lastUsedAt, severity, findings.stream().map(Finding::getRuleId).toList(),
                candidate != null, reason, snapshot.getScope().stream().sorted().toList());
    }
}
