package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.demo.DemoApprovalSystem;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.IdentityRole;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on three brokers (RF 3, min ISR 2) with one broker stopped from the middle of the collection,
 * through analysis and the gate, to the middle of the executor's run, where it comes back. Producers write with
 * acks=all to two in-sync copies, stages read read_committed: nothing is lost, every approval has exactly one
 * terminal outcome, and no record downstream of a transaction appears twice.
 */
class PipelineBrokerFailoverIT {

    @Test
    void aBrokerStoppedMidCollectAndBackMidExecuteLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             EmbeddedEnvironment environment = EmbeddedEnvironment.onCluster(cluster);
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(120).seed(1931).pageSize(25)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            String orgId = simulator.orgIds().get(0);
            String collectorId = simulator.identity(orgId, IdentityRole.COLLECTOR).clientId();
            int stopped = cluster.brokerIds().get(1);
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();

            CompletableFuture<?> collect = CompletableFuture.runAsync(() -> stages.collect(line -> { }));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> collect.isDone() || simulator.requestLog().matching(e -> collectorId.equals(e.identity())).size() >= 5);
            assertThat(collect).as("the broker goes down while the collector is reading").isNotDone();
            cluster.stopBroker(stopped);
            collect.get(2, TimeUnit.MINUTES);

            try (AnalyzerApp analyzer = stages.startAnalyzer(DemoStages.demoPolicy(), dir.resolve("state"))) {
                stages.awaitAnalyzer(Duration.ofSeconds(90));
                stages.confirmSurges();
                var candidates = TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(30));
                var decisions = DemoApprovalSystem.decide(candidates.values(), new DemoApprovalSystem.Plan(1.0, 0, false, false),
                        DemoStages.APPROVER, stages.approvalKey(), Instant.now(), 1);
                ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), decisions.approvals());
                stages.awaitAnalyzer(Duration.ofSeconds(60));
            }

            simulator.triggerMidRunChanges(orgId); // what the ground truth's expected outcomes assume (conflicts, vanished clients)
            CompletableFuture<?> execute = CompletableFuture.runAsync(() -> {
                try {
                    stages.execute(true, Duration.ofSeconds(3), line -> { });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> execute.isDone() || outcomes(environment).stream().anyMatch(o -> o.getKind() == OutcomeKind.DEACTIVATED));
            cluster.startBroker(stopped);
            execute.get(3, TimeUnit.MINUTES);

            List<Outcome> outcomes = outcomes(environment);
            Map<String, List<OutcomeKind>> terminalByApproval = outcomes.stream().filter(o -> o.getKind() != OutcomeKind.DEACTIVATED)
                    .collect(Collectors.groupingBy(Outcome::getApprovalId, Collectors.mapping(Outcome::getKind, Collectors.toList())));
            assertThat(terminalByApproval).as("one terminal outcome per approval").isNotEmpty()
                    .allSatisfy((approval, kinds) -> assertThat(kinds).hasSize(1));
            Map<String, OutcomeKind> terminal = outcomes.stream().filter(o -> o.getKind() != OutcomeKind.DEACTIVATED)
                    .collect(Collectors.toMap(Outcome::getClientId, Outcome::getKind));
            List<ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients();
            for (ClientTruth client : truth.stream().filter(c -> c.expected().candidate()).toList()) {
                assertThat(terminal.get(client.id())).as("nothing lost: " + client.category() + " " + client.name())
                        .hasToString(client.expected().outcome());
            }
            var topics = environment.topics();
            for (Topic<?, ?> topic : List.of(topics.clients(), topics.snapshots(), topics.activity(), topics.risk(), topics.candidates(),
                    topics.deletionsApproved(), topics.outcomes(), topics.quarantine(), topics.rejected())) {
                assertNoDuplicates(topic, environment);
            }
        }
    }

    /** Every record read read_committed, compared by key and value: a retried or replayed write would appear twice. */
    private static <K extends SpecificRecord, V extends SpecificRecord> void assertNoDuplicates(Topic<K, V> topic, EmbeddedEnvironment environment) {
        List<List<Object>> records = TopicLogReader.readAll(topic, environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .filter(e -> e.value() != null).map(e -> List.<Object>of(Objects.toString(e.key()), e.value().toString())).toList();
        assertThat(records).as(topic.name()).doesNotHaveDuplicates();
    }

    private static List<Outcome> outcomes(EmbeddedEnvironment environment) {
        return TopicLogReader.readAll(environment.topics().outcomes(), environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(o -> o != null).toList();
    }
}
