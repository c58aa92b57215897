package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.demo.DemoApprovalSystem;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.IdentityRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code oauthgov analyze} processes share one application id on three brokers, with a standby replica of every
 * store. One is killed with SIGKILL while a collection streams in: the other takes its tasks over, and what the
 * analyzer decides is what one instance decides — the candidates the ground truth expects, and each approved
 * deletion emitted once.
 */
class AnalyzerFailoverIT {
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void theSurvivorOfASigkillProposesTheSameCandidatesAndPassesEachApprovalOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             EmbeddedEnvironment environment = EmbeddedEnvironment.onCluster(cluster);
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(150).seed(1941).pageSize(25)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            String orgId = simulator.orgIds().get(0);
            String collectorId = simulator.identity(orgId, IdentityRole.COLLECTOR).clientId();
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();
            Files.write(dir.resolve(StackFiles.APPROVAL_KEY), stages.approvalKey());
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 20_000, "");
            // three replicas; a standby of every store; a killed member's tasks move after 6 s, not the default 45 s
            Files.writeString(config, Files.readString(config).replace(StackFiles.APPROVER, DemoStages.APPROVER)
                    .replaceFirst("replicationFactor: 1.*\n", "replicationFactor: 3\n  clientProperties:\n    num.standby.replicas: 1\n"
                            + "    session.timeout.ms: 6000\n    heartbeat.interval.ms: 1000\n"));

            try (StageProcess first = analyzer(config, dir, "a"); StageProcess second = analyzer(config, dir, "b")) {
                first.awaitOutput("running policy", START);
                second.awaitOutput("running policy", START);

                CompletableFuture<?> collect = CompletableFuture.runAsync(() -> stages.collect(line -> { }));
                Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(10))
                        .until(() -> collect.isDone() || simulator.requestLog().matching(e -> collectorId.equals(e.identity())).size() >= 5);
                first.kill();
                collect.get(2, TimeUnit.MINUTES);

                stages.awaitAnalyzer(START);
                stages.confirmSurges();
                var candidates = TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(30));
                var decisions = DemoApprovalSystem.decide(candidates.values(), new DemoApprovalSystem.Plan(1.0, 0, false, false),
                        DemoStages.APPROVER, stages.approvalKey(), Instant.now(), 1);
                ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), decisions.approvals());
                stages.awaitAnalyzer(START);

                Set<String> expected = simulator.groundTruth().orgs().get(0).clients().stream().filter(c -> c.expected().candidate())
                        .map(ClientTruth::id).collect(Collectors.toSet());
                assertThat(candidates.values().stream().map(c -> c.getClientId()).collect(Collectors.toSet()))
                        .as("the candidates one instance proposes").isEqualTo(expected);
                List<ApprovedDeletion> approved = TopicLogReader.readAll(environment.topics().deletionsApproved(), environment.clientConfigs(),
                        Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value).toList();
                assertThat(approved).extracting(ApprovedDeletion::getApprovalId).as("each approval passes the gate once")
                        .doesNotHaveDuplicates();
                // the shipped policy's blast radius (10 % of the org a day) passes some and refuses the rest, once each
                assertThat(approved).extracting(ApprovedDeletion::getClientId).as("approved candidates, each once").isNotEmpty()
                        .doesNotHaveDuplicates().allSatisfy(id -> assertThat(expected).contains(id));
                assertThat(second.output()).doesNotContain("stopped on its own");
            }
        }
    }

    private static StageProcess analyzer(Path config, Path dir, String instance) throws Exception {
        return StageProcess.start("analyze", "--config", config.toString(), "--application-id", "oauthgov-demo-analyzer",
                "--state-dir", dir.resolve("state-" + instance).toString());
    }
}
