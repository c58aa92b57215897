package io.oauthgov.cli.audit;

import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.collector.OrgReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one audit found out, for the console summary and the report files.
 *
 * @param registrySource the CMDB file imported, empty when none was given (every org's registry declared empty)
 * @param collection each org's collection: snapshot verified or not, evidence read or not
 * @param orgsNotJudged orgs whose evidence the analyzer found incomplete, with what is missing
 * @param since the comparison with an earlier audit, when {@code --since-report} was given
 */
public record AuditResult(Instant generatedAt, String policyId, String policyVersion, long staleWindowDays,
                          Optional<String> registrySource, List<OrgReport> collection, Map<String, String> orgsNotJudged,
                          List<AuditRow> rows, List<DeletionCandidate> candidates, List<RiskEvent> risk,
                          Optional<Since> since, Map<String, Duration> phases) {

    /** @param previousGeneratedAt when the earlier audit ran */
    public record Since(String previousReport, String previousGeneratedAt, List<AuditDiff.Change> changes) {}

    /** Orgs that were not fully read: a snapshot not verified, or evidence that could not be read. */
    public Map<String, String> incompleteOrgs() {
        Map<String, String> incomplete = new TreeMap<>();
        for (OrgReport org : collection) {
            if (!org.verified()) {
                incomplete.put(org.orgId(), "snapshot not verified " + org.failureReasons());
            } else if (org.evidenceError() != null) {
                incomplete.put(org.orgId(), "evidence not fully read: " + org.evidenceError());
            }
        }
        return incomplete;
    }

    public boolean complete() {
        return incompleteOrgs().isEmpty();
    }

    /** How many clients have each severity as their highest (clients without findings are not counted). */
    public Map<String, Long> riskBySeverity() {
        Map<String, Long> counts = new TreeMap<>();
        rows.stream().filter(r -> !r.severity().equals(AuditRow.NO_SEVERITY)).forEach(r -> counts.merge(r.severity(), 1L, Long::sum));
        return counts;
    }
}
