package io.oauthgov.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** The deletion candidates as report.json lists them (and {@link HtmlReport} shows them), each with its latest severity. */
public final class CandidateJson {
    private CandidateJson() {}

    /** @param risk the risk topic in log order: a client's last event gives its severity */
    public static void write(ArrayNode nodes, Collection<DeletionCandidate> candidates, Collection<RiskEvent> risk) {
        Map<String, RiskEvent> latestRisk = new HashMap<>();
        risk.forEach(e -> latestRisk.put(e.getOrgId() + "/" + e.getClientId(), e));
        candidates.stream().sorted(Comparator.comparing(DeletionCandidate::getClientName)).forEach(c -> {
            ObjectNode node = nodes.addObject();
            node.put("orgId", c.getOrgId());
            node.put("clientId", c.getClientId());
            node.put("clientName", c.getClientName());
            RiskEvent latest = latestRisk.get(c.getOrgId() + "/" + c.getClientId());
            if (latest != null) {
                node.put("severity", latest.getSeverity().name());
            }
            node.put("fingerprint", c.getFingerprint());
            node.put("lastUsedAt", c.getLastUsedAt() == null ? null : c.getLastUsedAt().toString());
            node.put("eligibleAt", c.getEligibleAt().toString());
            ArrayNode reasons = node.putArray("reasons");
            for (Finding f : c.getReasons()) {
                reasons.addObject().put("ruleId", f.getRuleId()).put("reason", f.getReason());
            }
        });
    }
}
