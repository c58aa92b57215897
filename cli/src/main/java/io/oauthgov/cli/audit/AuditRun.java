package io.oauthgov.cli.audit;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.cli.approvals.OpenCandidates;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.demo.PhaseTimer;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.cli.embedded.StreamsCatchUp;
import io.oauthgov.cli.registry.RegistryPublisher;
import io.oauthgov.cli.replay.PolicyBacktest;
import io.oauthgov.cli.replay.RecordedHistory;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.schemas.topics.TopicLogReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * One audit: the real collector and analyzer on a broker and schema registry inside this JVM, against the
 * organizations given, read-only (only the collector identities call the API, nothing is approved or executed), then
 * one row per client in the report directory. Nothing outlives the run but the report: the broker and the
 * analyzer's state are temporary, and report.json is what a later audit compares with.
 */
public final class AuditRun {
    private static final String ANALYZER_APP_ID = "oauthgov-audit-analyzer";
    public static final String COLLECTOR_TRANSACTIONAL_ID = "oauthgov-audit-collector";
    /** How long the analyzer may take to judge everything collected: minutes per 10,000 clients on two cores. */
    private static final Duration CATCH_UP = Duration.ofMinutes(15);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param targets each org with the API of its collector identity
     * @param registry the CMDB export's records and its file name; empty: every org's registry is declared empty
     * @param previous an earlier audit to compare with
     */
    public record Plan(List<OrgTarget> targets, CollectorSettings collector, Policy policy, Duration punctuation,
                       Optional<Registry> registry, Optional<AuditReportFiles.Previous> previous, Path reportDir) {}

    public record Registry(String source, List<IntegrationRecord> records) {}

    private final Plan plan;
    private final PrintWriter out;
    private final PhaseTimer phases;

    public AuditRun(Plan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
        this.phases = new PhaseTimer(out);
    }

    public AuditResult run() throws Exception {
        Path stateDir = Files.createTempDirectory("oauthgov-audit-state");
        try (EmbeddedEnvironment environment = phases.run("start an in-process Kafka broker and schema registry (no infrastructure needed)",
                EmbeddedEnvironment::start)) {
            phases.run(plan.registry().isPresent() ? "import the integration registry " + plan.registry().get().source()
                    : "no --registry: declare every org's registry empty (no owners, no protections)", () -> {
                importRegistry(environment);
                return null;
            });
            List<OrgReport> collected = phases.run("collect " + plan.targets().size() + " org(s), read-only, as each org's collector identity",
                    () -> CollectorApp.collectOnce(CollectorApp.Config.once(environment.topics(), environment.clientConfigs(),
                            plan.collector(), plan.targets()), line -> out.println("    " + line)));
            try (AnalyzerApp analyzer = phases.run("start the analyzer (policy " + plan.policy().id() + " v" + plan.policy().version() + ")",
                    () -> startAnalyzer(environment, stateDir))) {
                phases.run("analyze: evaluate the policy on every client", () -> {
                    try (Admin admin = Admin.create(environment.clientConfigs())) {
                        StreamsCatchUp.await(admin, ANALYZER_APP_ID, AnalyzerApp.inputTopics(ANALYZER_APP_ID), AnalyzerApp.outputTopics(), CATCH_UP);
                    }
                    out.println("    analyzer caught up with everything collected");
                    return null;
                });
            }
            return phases.run("read the results", () -> results(environment, collected));
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private void importRegistry(EmbeddedEnvironment environment) {
        List<String> orgs = plan.targets().stream().map(OrgTarget::orgId).toList();
        Instant now = Instant.now();
        if (plan.registry().isEmpty()) {
            // The path `oauthgov registry declare-empty` takes: the analyzer judges these orgs with no entry protected.
            RegistryPublisher.publish(environment.topics().integrations(), environment.clientConfigs(), List.of(), orgs, "declare-empty", now);
            return;
        }
        Registry registry = plan.registry().get();
        List<String> inFile = registry.records().stream().map(IntegrationRecord::getOrgId).distinct().sorted().toList();
        RegistryPublisher.publish(environment.topics().integrations(), environment.clientConfigs(), registry.records(), inFile,
                registry.source(), now);
        out.printf("    %d entries for %d org(s)%n", registry.records().size(), inFile.size());
        orgs.stream().filter(org -> !inFile.contains(org)).forEach(org -> out.printf(
                "    org %s has no entry in %s: its registry is not known, so its clients are not judged%n", org, registry.source()));
    }

    private AnalyzerApp startAnalyzer(EmbeddedEnvironment environment, Path stateDir) throws InterruptedException {
        // No approvers and no key: the audit approves nothing, so the gate has nothing to pass.
        AnalyzerSettings settings = AnalyzerSettings.builder().punctuationInterval(plan.punctuation()).build();
        AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Config.builder(environment.bootstrapServers())
                .applicationId(ANALYZER_APP_ID)
                .stateDir(stateDir)
                .replicationFactor(1)
                .schemaRegistryUrl(environment.schemaRegistryUrl())
                .build(), plan.policy(), settings);
        if (!app.awaitRunning(Duration.ofSeconds(90))) {
            app.close();
            throw new IllegalStateException("the analyzer did not reach RUNNING within 90 s");
        }
        return app;
    }

    private AuditResult results(EmbeddedEnvironment environment, List<OrgReport> collected) {
        Instant now = Instant.now();
        Map<String, Object> configs = environment.clientConfigs();
        RecordedHistory history = RecordedHistory.read(environment.topics(), configs, READ_TIMEOUT);
        Map<ClientKey, Verdict> verdicts = new HashMap<>();
        PolicyBacktest.run(plan.policy(), history, new PolicyBacktest.Window(now.minus(plan.policy().staleWindow()), now))
                .clients().forEach(c -> verdicts.put(c.key(), c.verdict()));
        List<DeletionCandidate> candidates = OpenCandidates.read(environment.topics().candidates(), configs, READ_TIMEOUT).all();
        Map<ClientKey, DeletionCandidate> candidateByKey = new HashMap<>();
        candidates.forEach(c -> candidateByKey.put(new ClientKey(c.getOrgId(), c.getClientId()), c));
        List<RiskEvent> risk = TopicLogReader.readAll(environment.topics().risk(), configs, READ_TIMEOUT).stream()
                .map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
        AuditRows rows = new AuditRows(history.clients(), history.integrations(), risk, candidateByKey, verdicts);
        List<AuditRow> table = rows.rows();
        Optional<AuditResult.Since> since = plan.previous().map(p -> new AuditResult.Since(p.file().toString(), p.generatedAt(),
                AuditDiff.between(p.rows(), table)));
        return new AuditResult(now, plan.policy().id(), plan.policy().version(), plan.policy().staleWindow().toDays(),
                plan.registry().map(Registry::source), collected, rows.orgsNotJudged(), table, candidates, risk, since,
                phases.durations());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing an audit that succeeded
        }
    }
}
