package io.oauthgov.cli.demo;

import io.oauthgov.cli.approvals.OrgBrakes;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.notifier.NotifierStats;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.Stage;
import io.oauthgov.cli.Main;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.SimulatorArtifacts;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.OrgTruth;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One demo run: infrastructure, the simulated organization, then each pipeline stage in order with a phase line
 * per step — collect, analyze, a simulated approval system, the gate, the executor — a summary table at the end,
 * and report files a reader can check against the ground truth. Exits non-zero when the analyzer's verdicts
 * disagree with the ground truth or when any client the truth says must stay was deleted.
 */
public final class DemoRun {
    /**
     * Per-identity limit the demo's simulator enforces and its identities pace themselves to (window / limit between
     * two calls): 4,000 a second, so the collection's 2,059 calls and the executor's ~600 re-checks are bound by the
     * loopback round trips, not by the budget. At 20,000 a minute (3 ms apart) the budget alone took 6.2 s of the
     * collection. The governor's contract is the same at any limit: never above it, 0 x 429 in the summary.
     */
    static final int DEMO_IDENTITY_LIMIT = 240_000;
    /** The demo shortens the policy's 7-day quarantine so both executor phases show. */
    static final Duration DEMO_QUARANTINE = Duration.ofSeconds(5);

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
        // The simulated org (generating it is a second or two of CPU) and the owners' side (an SMTP server and a chat
        // webhook receiver, so every notice can be read in the report) need no broker: they start while it does.
        StartedAlongside<GenesysSimulator> simulatorStarting = StartedAlongside.start("oauthgov-demo-simulator-start", this::startSimulator);
        StartedAlongside<DemoNotifications> ownersStarting = StartedAlongside.start("oauthgov-demo-owners-start", DemoNotifications::new);
        try (StartedAlongside<GenesysSimulator> simulatorOnFailure = simulatorStarting;
             StartedAlongside<DemoNotifications> ownersOnFailure = ownersStarting;
             EmbeddedEnvironment environment = phases.run("start embedded Kafka broker, schema registry, topics", EmbeddedEnvironment::start);
             GenesysSimulator simulator = phases.run("start simulated Genesys Cloud (" + options.orgs() + " org(s) x "
                     + options.clientsPerOrg() + " clients, seed " + options.seed() + ")", () -> {
                 GenesysSimulator started = simulatorStarting.await();
                 out.printf("    generated while the broker started (%.1f s of its own)%n", simulatorStarting.took().toMillis() / 1000.0);
                 return started;
             });
             DemoNotifications owners = ownersStarting.await()) {
            out.printf("    broker %s, schema registry %s, Genesys API %s (limit %d requests/min per identity)%n",
                    environment.bootstrapServers(), environment.schemaRegistryUrl(), simulator.baseUrl(), DEMO_IDENTITY_LIMIT);
            DemoStages stages = new DemoStages(environment, simulator, DEMO_IDENTITY_LIMIT);
            Policy policy = DemoNotifications.withFallback(DemoStages.demoPolicy());

            List<OrgReport> collected;
            Map<ClientKey, DeletionCandidate> candidates;
            DemoApprovalSystem.Decisions decisions;
            NotifierStats notified;
            DemoHttpApprovals.Result http;
            GateResults gate;
            ExecutorRun executed;
            // Started before anything is on its inputs and paused: its start-up waits overlap the import and the
            // collection, and it processes only once the collection is in (see DemoStages.startAnalyzerPaused).
            try (ClosedAlongside<AnalyzerApp> analyzer = new ClosedAlongside<>(phases.run(
                    "start the analyzer, paused until the collection is in (Kafka Streams, exactly-once)",
                    () -> stages.startAnalyzerPaused(policy, stateDir)))) {
                int registry = phases.run("import the integration registry (CMDB export with owner contacts)",
                        () -> stages.importRegistry(Optional.of(owners.webhookBase())));
                out.printf("    %d integration records%n", registry);
                collected = phases.run("collect registry snapshots and evidence of use", () -> stages.collect(line -> out.println("    " + line)));
                phases.run("resume the analyzer once its global tables hold the collected roles and manifests", () -> {
                    stages.resumeAnalyzer(analyzer.get(), Duration.ofMinutes(1));
                    return null;
                });
                phases.run("analyze: evaluate policy, emit risk events and candidates", () -> {
                    stages.awaitAnalyzer(Duration.ofMinutes(3));
                    return null;
                });
                candidates = TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(60));
                phases.run("surge brake: a person confirms the first collection's candidates", () -> {
                    List<String> held = OrgBrakes.read(environment.topics(), environment.clientConfigs(), Duration.ofSeconds(60))
                            .describe(List.copyOf(candidates.values()));
                    held.forEach(line -> out.println("    " + line));
                    stages.confirmSurges();
                    out.printf("    %s confirmed the surge in %d org(s) (oauthgov approve --confirm-surge ORG)%n", DemoStages.APPROVER,
                            simulator.orgIds().size());
                    return null;
                });
                notified = phases.run("notify: one digest per owner (in-process SMTP server, signed chat webhooks)", () -> {
                    NotifierStats told = owners.tell(environment, policy);
                    out.printf("    %d digest(s) told the owners of %d candidate(s), %d to the fallback %s; %d with nobody to tell%n",
                            told.digestsSent(), told.noticesPublished(), told.viaFallback(), DemoNotifications.FALLBACK, told.undeliverable());
                    out.printf("    notice period in the demo: %d days (the shipped policy waits %d): approvals do not wait here%n",
                            policy.notice().period().toDays(), io.oauthgov.analyzer.policy.NoticeSettings.DEFAULT.period().toDays());
                    return told;
                });
                decisions = DemoApprovalSystem.decide(candidates.values(), DemoApprovalSystem.Plan.defaults(),
                        DemoStages.APPROVER, stages.approvalKey(), Instant.now(), options.seed());
                DemoApprovalSystem.Decisions made = decisions;
                http = phases.run("approval system: people approve and reject over HTTP (oauthgov approvals serve)", () -> {
                    DemoHttpApprovals.Result result = DemoHttpApprovals.submit(environment, made, stages.approvalKey());
                    out.printf("    %d approve, %d reject posted to %s/approvals: HTTP %s; %d candidates not decided yet%n",
                            made.count("APPROVE"), made.count("REJECT"), result.endpoint(), result.statuses(),
                            candidates.size() - made.approvals().size());
                    out.printf("    1 request signed with the wrong key got 401 and never reached Kafka; %d approval(s) (expired, forged)"
                            + " written straight to the topic for the gate to refuse%n", result.direct());
                    return result;
                });
                phases.run("approval gate: check approver, signature, expiry, fingerprint", () -> {
                    stages.awaitAnalyzer(Duration.ofMinutes(2));
                    return null;
                });
                // Caught up: every input is processed and every output committed, and nothing after this writes to
                // its inputs. Its shutdown overlaps the executor; the risk events are read once it is closed.
                analyzer.closeInBackground("oauthgov-demo-analyzer-close");
                gate = GateResults.read(environment);
                out.printf("    %d passed the gate, %d refused%n", gate.passed(), gate.refusedCount());
                // Between approval and execution the org keeps living: an admin edits some approved clients, a script
                // deletes others. The executor's live re-check must catch both.
                var changes = simulator.triggerMidRunChanges();
                out.printf("    meanwhile in the org: %d approved-looking clients changed or vanished after approval%n", changes.size());
                executed = phases.run(options.execute()
                                ? "execute: re-check live, deactivate, quarantine " + DEMO_QUARANTINE.toSeconds() + " s, delete"
                                : "executor dry run: re-check every approval live, change nothing (--execute to delete)",
                        () -> stages.execute(options.execute(), DEMO_QUARANTINE, line -> out.println("    " + line)));
            }
            List<Outcome> outcomes = TopicLogReader.readAll(environment.topics().outcomes(), environment.clientConfigs(), Duration.ofSeconds(60))
                    .stream().map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
            List<RiskEvent> risk = TopicLogReader.readAll(environment.topics().risk(), environment.clientConfigs(), Duration.ofSeconds(60))
                    .stream().map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
            List<DemoNotifications.Message> messages = phases.run("write report files", () -> {
                SimulatorArtifacts.writeAll(simulator, options.reportDir());
                SimulatedRegistryCsv.write(simulator.integrationRegistry(), options.reportDir());
                return owners.write(options.reportDir());
            });
            Verdicts verdicts = Verdicts.compare(simulator.groundTruth().orgs(), candidates.values());
            Map<String, RiskEvent> latestRisk = new java.util.HashMap<>();
            DemoResults.latestRisk(risk).values().forEach(e -> latestRisk.put(e.getClientId(), e));
            PrivilegeVerdicts privilege = PrivilegeVerdicts.compare(simulator.groundTruth().orgs(), latestRisk);
            Set<String> wronglyDeleted = wronglyDeleted(simulator);
            DemoResults results = new DemoResults(options, simulator, collected, candidates.values(), risk, verdicts, privilege,
                    decisions, notified, messages, http, gate, executed, outcomes, wronglyDeleted, phases.durations());
            new DemoSummary(out).print(results);
            DemoReport.write(results, options.reportDir());
            return verdicts.agree() && privilege.agree() && wronglyDeleted.isEmpty() ? Main.OK : Main.FAILED;
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

    /** Clients the simulator deleted that the ground truth says must stay (protected, in use, ...): must be none. */
    private static Set<String> wronglyDeleted(GenesysSimulator simulator) {
        Map<String, ClientTruth> truth = simulator.groundTruth().orgs().stream().flatMap(o -> o.clients().stream())
                .collect(Collectors.toMap(ClientTruth::id, Function.identity()));
        return simulator.deletionLog().deletions().stream().map(d -> d.clientId())
                .filter(id -> truth.get(id) == null || !truth.get(id).expected().candidate()).collect(Collectors.toSet());
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

    /** What the approval gate made of the approvals: passed to the executor, or refused with a reason. */
    record GateResults(long passed, Map<String, Long> refusedByReason) {
        static GateResults read(EmbeddedEnvironment environment) {
            List<ApprovedDeletion> passed = TopicLogReader.<ApiIdentityKey, ApprovedDeletion>readAll(environment.topics().deletionsApproved(),
                    environment.clientConfigs(), Duration.ofSeconds(60)).stream().map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
            Map<String, Long> refused = TopicLogReader.readAll(environment.topics().rejected(), environment.clientConfigs(), Duration.ofSeconds(60))
                    .stream().map(TopicLogReader.Entry::value)
                    .filter(r -> r != null && r.getStage() == Stage.APPROVAL_GATE)
                    .collect(Collectors.groupingBy(r -> r.getReason().name(), TreeMap::new, Collectors.counting()));
            return new GateResults(passed.stream().map(ApprovedDeletion::getApprovalId).distinct().count(), refused);
        }

        long refusedCount() {
            return refusedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
