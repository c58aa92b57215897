package io.oauthgov.cli.demo;

import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.simulator.GenesysSimulator;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything one demo run found out, for the summary table and the report files. */
record DemoResults(
        DemoOptions options,
        GenesysSimulator simulator,
        List<OrgReport> collected,
        Collection<DeletionCandidate> candidates,
        List<RiskEvent> risk,
        DemoRun.Verdicts verdicts,
        PrivilegeVerdicts privilege,
        DemoApprovalSystem.Decisions decisions,
        io.oauthgov.notifier.NotifierStats notified,
        List<DemoNotifications.Message> messages,
        DemoHttpApprovals.Result http,
        DemoRun.GateResults gate,
        ExecutorRun executed,
        List<Outcome> outcomes,
        Set<String> wronglyDeleted,
        Map<String, Duration> phases) {

    /** Severity of each client's latest analyzer risk event (a resolved client no longer counts). */
    Map<String, Long> riskBySeverity() {
        return latestRisk(risk).values().stream().filter(e -> !e.getFindings().isEmpty())
                .collect(Collectors.groupingBy(e -> e.getSeverity().name(), TreeMap::new, Collectors.counting()));
    }

    /** Each client's latest analyzer risk event by "orgId/clientId" (the executor's restore events left out). */
    static Map<String, RiskEvent> latestRisk(List<RiskEvent> risk) {
        Map<String, RiskEvent> latest = new HashMap<>();
        risk.stream().filter(e -> !"executor".equals(e.getPolicyId())).forEach(e -> latest.put(e.getOrgId() + "/" + e.getClientId(), e));
        return latest;
    }

    /** Each approval's last outcome: DEACTIVATED only while its quarantine is still open. */
    Map<OutcomeKind, Long> outcomesByKind() {
        Map<String, Outcome> last = new HashMap<>();
        outcomes.forEach(o -> last.put(o.getApprovalId(), o));
        Map<OutcomeKind, Long> counts = new EnumMap<>(OutcomeKind.class);
        last.values().forEach(o -> counts.merge(o.getKind(), 1L, Long::sum));
        return counts;
    }

    long collectorCalls() {
        return collected.stream().mapToLong(OrgReport::calls).sum();
    }

    long collectorThrottled() {
        return collected.stream().mapToLong(OrgReport::throttled).sum();
    }
}
