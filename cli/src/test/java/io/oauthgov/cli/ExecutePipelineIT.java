package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.demo.DemoApprovalSystem;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.IdentityRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import io.oauthgov.cli.dev.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands around the executor, through the CLI against a real broker and the simulator: the
 * pipeline up to the gate runs as in the demo, then `kill-switch on`, `execute --execute`, `kill-switch off`,
 * `restore` of a quarantined client, and `reconcile` against the live registry.
 */
class ExecutePipelineIT {

    @Test
    void killSwitchExecuteRestoreAndReconcileThroughTheCli(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(150).seed(4242)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            String orgId = simulator.orgIds().get(0);
            String executorId = simulator.identity(orgId, IdentityRole.EXECUTOR).clientId();
            String[] kafka = {"--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl()};
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();
            stages.collect(line -> { });
            try (AnalyzerApp analyzer = stages.startAnalyzer(DemoStages.demoPolicy(), dir.resolve("state"))) {
                stages.awaitAnalyzer(Duration.ofSeconds(90));
                stages.confirmSurges();
                var candidates = TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(30));
                var decisions = DemoApprovalSystem.decide(candidates.values(), new DemoApprovalSystem.Plan(1.0, 0, false, false),
                        DemoStages.APPROVER, stages.approvalKey(), Instant.now(), 1);
                ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), decisions.approvals());
                stages.awaitAnalyzer(Duration.ofSeconds(60));
            }
            simulator.triggerMidRunChanges(orgId);
            // the executor verifies approvals with the analyzer's approvers and key, both named in the deployment file
            Files.write(dir.resolve(StackFiles.APPROVAL_KEY), stages.approvalKey());
            String config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 0, "").toString();
            Files.writeString(Path.of(config), Files.readString(Path.of(config)).replace(StackFiles.APPROVER, DemoStages.APPROVER));

            assertThat(CliRun.of(concat(kafka, "kill-switch", "on", "--reason", "change freeze", "--issued-by", "sre@x")).exitCode()).isZero();
            CompletableFuture<CliRun> execute = CompletableFuture.supplyAsync(() -> CliRun.of(concat(kafka, "execute", "--config", config,
                    "--execute", "--max-fraction-per-org", "1", "--quarantine", "4s", "--allow-short-quarantine", "--stop-when-idle", "3s",
                    "--progress-every", "1s")));
            Thread.sleep(3_000);
            assertThat(simulator.requestLog().matching(e -> executorId.equals(e.identity()) && !e.method().equals("GET")))
                    .as("nothing changes while the kill switch is on").isEmpty();
            assertThat(CliRun.of(concat(kafka, "kill-switch", "off", "--reason", "freeze over", "--issued-by", "sre@x")).exitCode()).isZero();

            String restored = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(environment).stream()
                    .filter(o -> o.getKind() == OutcomeKind.DEACTIVATED).map(Outcome::getClientId).findFirst().orElse(null), id -> id != null);
            CliRun restore = CliRun.of(concat(kafka, "restore", "--org", orgId, "--client", restored, "--reason", "owner says still needed",
                    "--issued-by", "owner@x"));
            assertThat(restore.exitCode()).as(restore.err()).isZero();

            CliRun run = execute.get(3, TimeUnit.MINUTES);
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("EXECUTING").contains("DELETED");

            Map<String, OutcomeKind> terminal = outcomes(environment).stream().filter(o -> o.getKind() != OutcomeKind.DEACTIVATED)
                    .collect(Collectors.toMap(Outcome::getClientId, Outcome::getKind));
            List<ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients();
            for (ClientTruth client : truth.stream().filter(c -> c.expected().candidate()).toList()) {
                String expected = client.id().equals(restored) ? "RESTORED" : client.expected().outcome();
                assertThat(terminal.get(client.id())).as(client.category() + " " + client.name()).hasToString(expected);
            }
            assertThat(simulator.client(orgId, restored).orElseThrow().state().wireName()).isEqualTo("active");

            Path report = dir.resolve("reconcile.json");
            CliRun reconcile = CliRun.of(concat(kafka, "reconcile", "--config", config, "--since", "1d", "--json", report.toString()));
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertThat(json.path("counts").path("DELETED").asLong()).as("reconcile agrees with the simulator's deletion log")
                    .isEqualTo(simulator.deletionLog().deletions().size()).isPositive();
            assertThat(json.path("counts").path("PENDING").asLong()).isZero();
            Set<String> outside = json.path("deletedOutsideOauthgov").findValuesAsText("clientId").stream().collect(Collectors.toSet());
            assertThat(outside).as("the clients a script deleted").containsExactlyInAnyOrderElementsOf(
                    simulator.groundTruth().clientsIn(Category.VANISHES_MID_RUN).stream().map(ClientTruth::id).toList());
            assertThat(reconcile.exitCode()).as("deletions outside oauthgov need a person").isEqualTo(Main.FAILED);
            assertThat(reconcile.out()).contains("Deleted outside oauthgov (" + outside.size() + ")");
        }
    }

    private static List<Outcome> outcomes(EmbeddedEnvironment environment) {
        return TopicLogReader.readAll(environment.topics().outcomes(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(o -> o != null).toList();
    }

    private static String[] concat(String[] kafka, String... args) {
        String[] all = new String[args.length + kafka.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(kafka, 0, all, args.length, kafka.length);
        return all;
    }
}
