package io.oauthgov.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.cli.Main;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.SimulatorArtifacts;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.OrgTruth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One demo run: infrastructure, the simulated organization, then each pipeline stage in order with a phase line
 * per step, a summary table at the end, and report files a reader can check against the ground truth. Exits
 * non-zero when the analyzer's verdicts disagree with the ground truth.
 */
public final class DemoRun {
    /** Per-identity limit the demo's simulator enforces: high enough to read 2,000 clients in seconds. */
    static final int DEMO_IDENTITY_LIMIT = 20_000;

    private final DemoOptions options;
    private final PrintWriter out;
    private final PhaseTimer phases;

    public DemoRun(DemoOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
        this.phases = new PhaseTimer(out);
    }

    public int run() throws Exception {
        Files.createDirectories(options.reportDir());
        Path stateDir = Files.createTempDirectory("oauthgov-demo-state");
        try (EmbeddedEnvironment environment = phases.run("start embedded Kafka broker, schema registry, topics", EmbeddedEnvironment::start);
             GenesysSimulator simulator = phases.run("start simulated Genesys Cloud (" + options.orgs() + " org(s) x "
                     + options.clientsPerOrg() + " clients, seed " + options.seed() + ")", this::startSimulator)) {
            out.printf("    broker %s, schema registry %s, Genesys API %s (limit %d requests/min per identity)%n",
                    environment.bootstrapServers(), environment.schemaRegistryUrl(), simulator.baseUrl(), DEMO_IDENTITY_LIMIT);
            DemoStages stages = new DemoStages(environment, simulator, DEMO_IDENTITY_LIMIT);

            int registry = phases.run("import the integration registry (CMDB export)", stages::importRegistry);
            out.printf("    %d integration records%n", registry);
            List<OrgReport> collected = phases.run("collect registry snapshots and evidence of use", () -> stages.collect(line -> out.println("    " + line)));
            try (AnalyzerApp analyzer = phases.run("start the analyzer (Kafka Streams, exactly-once)",
                    () -> stages.startAnalyzer(PolicyLoader.loadDefault(), stateDir))) {
                phases.run("analyze: evaluate policy, emit risk events and candidates", () -> {
                    stages.awaitAnalyzer(Duration.ofMinutes(3));
                    return null;
                });
            }
            Map<ClientKey, DeletionCandidate> candidates = TopicTableReader.readAll(environment.topics().candidates(),
                    environment.clientConfigs(), Duration.ofSeconds(60));
            List<RiskEvent> risk = TopicLogReader.readAll(environment.topics().risk(), environment.clientConfigs(), Duration.ofSeconds(60))
                    .stream().map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
            phases.run("write report files", () -> {
                SimulatorArtifacts.writeAll(simulator, options.reportDir());
                return null;
            });
            Verdicts verdicts = Verdicts.compare(simulator.groundTruth().orgs(), candidates.values());
            printSummary(simulator, collected, candidates.values(), risk, verdicts);
            writeReport(simulator, collected, candidates.values(), risk, verdicts);
            return verdicts.agree() ? Main.OK : Main.FAILED;
        }
    }

    private GenesysSimulator startSimulator() {
        return GenesysSimulator.builder()
                .orgs(options.orgs())
                .clientsPerOrg(options.clientsPerOrg())
                .seed(options.seed())
                .identityRateLimit(DEMO_IDENTITY_LIMIT)
                .orgRateLimit(0)
                .queryStageDuration(Duration.ofMillis(50))
                .start();
    }

    /** The analyzer's candidates against the ground truth: what it missed and what it wrongly proposed. */
    record Verdicts(Set<String> expected, Set<String> missed, Set<String> wronglyProposed) {
        static Verdicts compare(List<OrgTruth> truth, Collection<DeletionCandidate> candidates) {
            Set<String> expected = truth.stream().flatMap(o -> o.clients().stream()).filter(c -> c.expected().candidate())
                    .map(ClientTruth::id).collect(Collectors.toSet());
            Set<String> proposed = candidates.stream().map(DeletionCandidate::getClientId).collect(Collectors.toSet());
            Set<String> missed = expected.stream().filter(id -> !proposed.contains(id)).collect(Collectors.toSet());
            Set<String> wrong = proposed.stream().filter(id -> !expected.contains(id)).collect(Collectors.toSet());
            return new Verdicts(expected, missed, wrong);
        }

        boolean agree() {
            return missed.isEmpty() && wronglyProposed.isEmpty();
        }
    }

    private void printSummary(GenesysSimulator simulator, List<OrgReport> collected, Collection<DeletionCandidate> candidates,
                              List<RiskEvent> risk, Verdicts verdicts) {
        out.println();
        out.println("Summary");
        long clients = collected.stream().mapToLong(OrgReport::clients).sum();
        out.printf("  %-44s %8d%n", "clients collected (verified snapshots)", clients);
        out.printf("  %-44s %8d%n", "collector API calls", collected.stream().mapToLong(OrgReport::calls).sum());
        out.printf("  %-44s %8d%n", "collector 429s", collected.stream().mapToLong(OrgReport::throttled).sum());
        out.printf("  %-44s %8d%n", "evidence records (usage + audit)",
                collected.stream().mapToLong(r -> r.usageEvidence() + r.auditEvidence()).sum());
        latestSeverity(risk).forEach((severity, count) -> out.printf("  %-44s %8d%n", "clients at risk: " + severity, count));
        out.printf("  %-44s %8d%n", "deletion candidates", candidates.size());
        out.printf("  %-44s %8d%n", "candidates the ground truth expects", verdicts.expected().size());
        out.printf("  %-44s %8d%n", "missed (expected, not proposed)", verdicts.missed().size());
        out.printf("  %-44s %8d%n", "wrongly proposed (protected, in use, ...)", verdicts.wronglyProposed().size());
        out.println("  approvals and the executor: not part of this build yet (issues #6, #7)");
        out.println();
        out.println("Phase timings");
        phases.durations().forEach((phase, took) -> out.printf("  %-60s %6.1f s%n", phase, took.toMillis() / 1000.0));
        out.printf("%nVerdicts %s the ground truth. Report: %s%n", verdicts.agree() ? "match" : "DO NOT match",
                options.reportDir().toAbsolutePath());
    }

    /** Severity of each client's latest risk event (a resolved client no longer counts). */
    private static Map<String, Long> latestSeverity(List<RiskEvent> risk) {
        Map<String, RiskEvent> latest = new HashMap<>();
        risk.forEach(e -> latest.put(e.getOrgId() + "/" + e.getClientId(), e));
        return latest.values().stream().filter(e -> !e.getFindings().isEmpty())
                .collect(Collectors.groupingBy(e -> e.getSeverity().name(), TreeMap::new, Collectors.counting()));
    }

    private void writeReport(GenesysSimulator simulator, List<OrgReport> collected, Collection<DeletionCandidate> candidates,
                             List<RiskEvent> risk, Verdicts verdicts) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode report = json.createObjectNode();
        report.put("orgs", options.orgs());
        report.put("clientsPerOrg", options.clientsPerOrg());
        report.put("seed", options.seed());
        report.put("execute", options.execute());
        Map<String, Integer> truth = new TreeMap<>();
        simulator.groundTruth().categoryCounts().forEach((category, count) -> truth.put(category.name(), count));
        report.set("groundTruth", json.valueToTree(truth));
        ArrayNode orgs = report.putArray("collection");
        collected.forEach(r -> orgs.add(json.valueToTree(r)));
        report.set("riskBySeverity", json.valueToTree(latestSeverity(risk)));
        ObjectNode verdictNode = report.putObject("verdicts");
        verdictNode.put("agreeWithGroundTruth", verdicts.agree());
        verdictNode.set("missed", json.valueToTree(List.copyOf(verdicts.missed())));
        verdictNode.set("wronglyProposed", json.valueToTree(List.copyOf(verdicts.wronglyProposed())));
        ArrayNode candidateNodes = report.putArray("candidates");
        candidates.stream().sorted(java.util.Comparator.comparing(DeletionCandidate::getClientName)).forEach(c -> {
            ObjectNode node = candidateNodes.addObject();
            node.put("orgId", c.getOrgId());
            node.put("clientId", c.getClientId());
            node.put("clientName", c.getClientName());
            node.put("fingerprint", c.getFingerprint());
            node.put("lastUsedAt", c.getLastUsedAt() == null ? null : c.getLastUsedAt().toString());
            node.put("eligibleAt", c.getEligibleAt().toString());
            ArrayNode reasons = node.putArray("reasons");
            for (Finding f : c.getReasons()) {
                reasons.addObject().put("ruleId", f.getRuleId()).put("reason", f.getReason());
            }
        });
        ObjectNode timings = report.putObject("phaseSeconds");
        phases.durations().forEach((phase, took) -> timings.put(phase, took.toMillis() / 1000.0));
        json.writeValue(options.reportDir().resolve("report.json").toFile(), report);
    }
}
