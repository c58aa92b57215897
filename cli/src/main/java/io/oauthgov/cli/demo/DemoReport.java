package io.oauthgov.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.cli.report.CandidateJson;
import io.oauthgov.cli.report.HtmlReport;
import io.oauthgov.genesys.GenesysClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** report.json (every number of the run, every candidate and outcome) and report.html rendered from it. */
final class DemoReport {
    private DemoReport() {}

    static void write(DemoResults r, Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode report = json.createObjectNode();
        report.put("orgs", r.options().orgs());
        report.put("clientsPerOrg", r.options().clientsPerOrg());
        report.put("seed", r.options().seed());
        report.put("execute", r.options().execute());
        Map<String, Integer> truth = new TreeMap<>();
        r.simulator().groundTruth().categoryCounts().forEach((category, count) -> truth.put(category.name(), count));
        report.set("groundTruth", json.valueToTree(truth));
        report.put("generatedAt", java.time.Instant.now().toString());
        report.put("staleWindowDays", DemoStages.demoPolicy().staleWindow().toDays());
        ArrayNode orgs = report.putArray("collection");
        r.collected().forEach(o -> orgs.add(json.valueToTree(o)));
        report.set("riskBySeverity", json.valueToTree(r.riskBySeverity()));
        ObjectNode verdictNode = report.putObject("verdicts");
        verdictNode.put("agreeWithGroundTruth", r.verdicts().agree());
        verdictNode.set("missed", json.valueToTree(List.copyOf(r.verdicts().missed())));
        verdictNode.set("wronglyProposed", json.valueToTree(List.copyOf(r.verdicts().wronglyProposed())));
        verdictNode.set("wronglyDeleted", json.valueToTree(List.copyOf(r.wronglyDeleted())));
        verdictNode.set("privilegedStaleNotCritical", json.valueToTree(List.copyOf(r.privilege().privilegedStaleNotCritical())));
        verdictNode.set("overprivilegedUnflagged", json.valueToTree(List.copyOf(r.privilege().overprivilegedUnflagged())));
        verdictNode.set("readOnlyFlagged", json.valueToTree(List.copyOf(r.privilege().readOnlyFlagged())));
        fixFirst(report.putArray("fixFirst"), r);
        CandidateJson.write(report.putArray("candidates"), r.candidates(), r.risk());
        approvals(report.putObject("approvals"), r);
        notifications(report, r);
        ObjectNode byKind = report.putObject("outcomesByKind");
        r.outcomesByKind().forEach((kind, count) -> byKind.put(kind.name(), count));
        outcomes(report.putArray("outcomes"), report.putArray("timeline"), r);
        rateBudget(report.putArray("rateBudget"), r);
        report.put("deletedBySimulator", r.simulator().deletionLog().deletions().size());
        ObjectNode timings = report.putObject("phaseSeconds");
        r.phases().forEach((phase, took) -> timings.put(phase, took.toMillis() / 1000.0));
        json.writeValue(dir.resolve("report.json").toFile(), report);
        HtmlReport.write(report, dir.resolve("report.html"));
    }

    /**
     * Every client at risk, highest score first (a stale client with admin power scores CRITICAL 90+, so those lead):
     * its findings with their evidence, the roles and divisions behind them, and the domains it used (the
     * least-privilege suggestion).
     */
    private static void fixFirst(ArrayNode nodes, DemoResults r) {
        java.util.Set<String> candidates = new java.util.HashSet<>();
        r.candidates().forEach(c -> candidates.add(c.getOrgId() + "/" + c.getClientId()));
        DemoResults.latestRisk(r.risk()).entrySet().stream().filter(e -> !e.getValue().getFindings().isEmpty())
                .sorted(Comparator.comparing((Map.Entry<String, RiskEvent> e) -> -e.getValue().getScore())
                        .thenComparing(e -> e.getValue().getClientName()))
                .forEach(e -> {
                    RiskEvent risk = e.getValue();
                    ObjectNode node = nodes.addObject();
                    node.put("orgId", risk.getOrgId());
                    node.put("clientId", risk.getClientId());
                    node.put("clientName", risk.getClientName());
                    node.put("severity", risk.getSeverity().name());
                    node.put("score", risk.getScore());
                    node.put("candidate", candidates.contains(e.getKey()));
                    risk.getFindings().stream().map(f -> f.getEvidence().get("roles")).filter(java.util.Objects::nonNull)
                            .findFirst().ifPresent(roles -> node.put("roles", roles));
                    ArrayNode used = node.putArray("usedDomains");
                    risk.getUsedDomains().forEach(used::add);
                    ArrayNode findings = node.putArray("findings");
                    for (Finding f : risk.getFindings()) {
                        ObjectNode finding = findings.addObject().put("ruleId", f.getRuleId()).put("severity", f.getSeverity().name())
                                .put("reason", f.getReason());
                        finding.set("evidence", new ObjectMapper().valueToTree(new TreeMap<>(f.getEvidence())));
                    }
                });
    }

    private static void approvals(ObjectNode node, DemoResults r) {
        node.put("submitted", r.decisions().approvals().size());
        node.put("passed", r.gate().passed());
        ObjectNode refused = node.putObject("rejectedByReason");
        r.gate().refusedByReason().forEach(refused::put);
        ObjectNode intents = node.putObject("intents");
        for (String intent : List.of("APPROVE", "REJECT", "EXPIRED", "FORGED")) {
            intents.put(intent, r.decisions().count(intent));
        }
    }

    /**
     * Who was told what and when: one entry per digest the notifier sent (its recipient, channels, clients and time),
     * each with the files the in-process receivers wrote ({@code notifications/*.eml}, {@code *.json}).
     */
    private static void notifications(ObjectNode report, DemoResults r) {
        ObjectNode summary = report.putObject("notices");
        summary.put("noticeDays", DemoStages.demoPolicy().notice().period().toDays());
        summary.put("digestsSent", r.notified().digestsSent());
        summary.put("candidatesNoticed", r.notified().noticesPublished());
        summary.put("viaFallback", r.notified().viaFallback());
        summary.put("deliveryFailures", r.notified().failures());
        summary.put("nobodyToTell", r.notified().undeliverable());
        Map<String, List<DemoNotifications.Message>> filesByDigest = new HashMap<>();
        r.messages().forEach(m -> filesByDigest.computeIfAbsent(m.digestId(), k -> new java.util.ArrayList<>()).add(m));
        ArrayNode nodes = report.putArray("notifications");
        for (io.oauthgov.notifier.NotifierStats.Sent sent : r.notified().sent()) {
            ObjectNode node = nodes.addObject();
            node.put("digestId", sent.digestId());
            node.put("sentAt", sent.sentAt().toString());
            node.put("recipient", sent.recipient());
            node.put("owner", sent.owner());
            node.put("viaFallback", sent.viaFallback());
            node.put("subject", sent.subject());
            ArrayNode channels = node.putArray("channels");
            sent.channels().forEach(channels::add);
            ArrayNode clients = node.putArray("clients");
            sent.clients().forEach(clients::add);
            ArrayNode files = node.putArray("files");
            for (DemoNotifications.Message m : filesByDigest.getOrDefault(sent.digestId(), List.of())) {
                files.addObject().put("file", m.file()).put("channel", m.channel()).put("to", m.recipient())
                        .put("signatureValid", m.signatureValid());
            }
        }
        ObjectNode http = report.putObject("approvalEndpoint");
        r.http().statuses().forEach((status, count) -> http.put("HTTP " + status, count));
        http.put("writtenStraightToTheTopic", r.http().direct());
    }

    private static void outcomes(ArrayNode nodes, ArrayNode timeline, DemoResults r) {
        Map<String, String> names = new HashMap<>();
        r.candidates().forEach(c -> names.put(c.getOrgId() + "/" + c.getClientId(), c.getClientName()));
        for (Outcome o : r.outcomes()) {
            ObjectNode node = nodes.addObject();
            node.put("orgId", o.getOrgId());
            node.put("clientId", o.getClientId());
            node.put("clientName", names.getOrDefault(o.getOrgId() + "/" + o.getClientId(), o.getClientId()));
            node.put("identityId", o.getIdentityId());
            node.put("approvalId", o.getApprovalId());
            node.put("kind", o.getKind().name());
            node.put("attempts", o.getAttempts());
            node.put("httpStatus", o.getHttpStatus());
            node.put("contextId", o.getContextId());
            node.put("detail", o.getDetail());
            node.set("differingFields", new ObjectMapper().valueToTree(o.getDifferingFields()));
            node.put("startedAt", o.getStartedAt().toString());
            node.put("finishedAt", o.getFinishedAt().toString());
            timeline.addObject().put("at", o.getFinishedAt().toString()).put("kind", o.getKind().name()).put("identityId", o.getIdentityId());
        }
    }

    /** The executor identities' budgets (the collector's calls and 429s are in "collection"). */
    private static void rateBudget(ArrayNode nodes, DemoResults r) {
        for (GenesysClient api : r.executed().identities()) {
            nodes.addObject().put("orgId", api.identity().orgId()).put("identityId", api.identity().clientId()).put("role", "EXECUTOR")
                    .put("budgetPerMinute", api.currentBudget()).put("calls", api.metrics().calls()).put("throttled", api.metrics().throttled());
        }
    }
}
