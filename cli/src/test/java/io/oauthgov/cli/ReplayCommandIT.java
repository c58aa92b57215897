package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.ClientTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest on history the real collector recorded from the seeded organization: the baseline reproduces the
 * analyzer's candidates (the ground truth), a stricter policy flags more, and the replay leaves no trace — no
 * record produced to any catalog topic, no topic created, no consumer group.
 */
class ReplayCommandIT {

    @Test
    void aStricterPolicyFlagsMoreCandidatesAndTheReplayProducesNothingAndJoinsNoGroup(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(200).seed(42)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start();
             Admin admin = Admin.create(environment.clientConfigs())) {
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();
            stages.collect(line -> { });
            Map<TopicPartition, Long> offsetsBefore = endOffsets(admin);
            Set<String> topicsBefore = admin.listTopics().names().get();
            Set<String> groupsBefore = groups(admin);
            Replay strictReplay = replay(environment, dir, "strict", "2", 10);
            CliRun run = strictReplay.run();

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("deletion candidates").contains("Candidates only strict v2 flags")
                    .contains("Candidates only default v1 flags (0)").contains("Risk severity changes");
            JsonNode report = strictReplay.report();
            Set<String> expected = simulator.groundTruth().orgs().get(0).clients().stream()
                    .filter(c -> c.expected().candidate()).map(ClientTruth::id).collect(Collectors.toSet());
            assertThat(clientIds(report.path("baseline").path("candidateClients")))
                    .as("the baseline replays the analyzer's verdicts").containsExactlyInAnyOrderElementsOf(expected);
            Set<String> strict = clientIds(report.path("new").path("candidateClients"));
            assertThat(strict).containsAll(expected).hasSizeGreaterThan(expected.size());
            assertThat(report.path("onlyNew")).hasSize(strict.size() - expected.size()).allSatisfy(c -> {
                assertThat(c.path("reasons")).isNotEmpty();
                assertThat(c.path("reasons").get(0).path("ruleId").asText()).isIn("stale-unused", "never-used", "disabled-unused");
            });
            assertThat(report.path("severityChanges")).isNotEmpty();

            // Last use is spread continuously: a 60-day what-if window finds clients the 180-day default keeps.
            Replay whatIf = replay(environment, dir, "sixty", "1", 60);
            assertThat(whatIf.run().exitCode()).as(whatIf.run().err()).isZero();
            Set<String> onlySixty = clientIds(whatIf.report().path("onlyNew"));
            Map<String, ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients().stream()
                    .collect(Collectors.toMap(ClientTruth::id, c -> c));
            assertThat(onlySixty).as("clients in use 60-180 days ago, kept by the default").isNotEmpty()
                    .allSatisfy(id -> assertThat(truth.get(id).expected().candidate()).isFalse());

            assertThat(endOffsets(admin)).as("end offsets of every catalog topic").isEqualTo(offsetsBefore);
            assertThat(admin.listTopics().names().get()).as("topics").isEqualTo(topicsBefore);
            assertThat(groups(admin)).as("consumer groups").isEqualTo(groupsBefore).isEmpty();
        }
    }

    @Test
    void aClusterWithoutThePipelinesTopicsIsAUsageErrorAndGainsNoTopics(@TempDir Path dir) throws Exception {
        try (var broker = io.oauthgov.kafka.embedded.EmbeddedKafkaBroker.start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Path policy = Files.writeString(dir.resolve("strict.yaml"), "id: strict\nversion: \"2\"\n");

            CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--bootstrap-servers", broker.bootstrapServers());

            assertThat(run.exitCode()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("the cluster has no topic " + TopicCatalog.CLIENTS.name()).contains("hint:");
            assertThat(admin.listTopics().names().get()).isEmpty();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = TopicCatalog.ALL.stream()
                .flatMap(t -> IntStream.range(0, t.partitions()).mapToObj(p -> new TopicPartition(t.name(), p)))
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return admin.listGroups().all().get().stream().map(GroupListing::groupId).collect(Collectors.toSet());
    }

    private record Replay(CliRun run, JsonNode report) {}

    /** {@code oauthgov replay} of a policy with the given stale window (no grace), over the last 30 days. */
    private static Replay replay(EmbeddedEnvironment environment, Path dir, String id, String version, int staleDays)
            throws Exception {
        Path policy = Files.writeString(dir.resolve(id + ".yaml"), "id: " + id + "\nversion: \"" + version
                + "\"\nstaleWindowDays: " + staleDays + "\ngracePeriodDays: 0\n");
        Path json = dir.resolve(id + ".json");
        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--from", "30d", "--json", json.toString(),
                "--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.schemaRegistryUrl());
        return new Replay(run, run.exitCode() == 0 ? new ObjectMapper().readTree(json.toFile()) : null);
    }

    private static Set<String> clientIds(JsonNode clients) {
        Set<String> ids = new HashSet<>();
        StreamSupport.stream(clients.spliterator(), false).forEach(c -> ids.add(c.path("clientId").asText()));
        return ids;
    }
}
