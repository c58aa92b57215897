package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.generator.Category;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two executor instances in JVMs of their own share one consumer group and one API identity on a three-broker
 * cluster. The instance that owns the identity's partition is killed with SIGKILL in the middle of the work: the
 * other takes the partition over and finishes. Identity-keyed partitions are the lock on an identity's budget, so
 * across the takeover no approval is answered twice, no client gets a second DELETE, and the simulator's sliding
 * window never sees a second owner's calls on top of the first's (no 429).
 */
class ExecutorFailoverIT {
    private static final int CALLS_PER_10_S = 120;
    private static final String GROUP = "failover-it-executor";

    private static EmbeddedKafkaCluster cluster;
    private static SchemaRegistryServer registry;
    private static Map<String, Object> kafka;
    private static Topics topics;

    @BeforeAll
    static void startCluster() throws Exception {
        // the coordinator looks for timed-out transactions every second instead of every 10 s: a killed instance's open
        // transaction (10 s timeout) is aborted sooner, and the test stays well under a minute
        cluster = EmbeddedKafkaCluster.start(3, Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));
        registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        kafka = Map.of("bootstrap.servers", cluster.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 3);
        }
        topics = Topics.bind(SerdeFactory.avro(registry.registry()));
    }

    @AfterAll
    static void stopCluster() {
        registry.close();
        cluster.close();
    }

    @Test
    void theOwnerKilledMidRunLeavesEveryApprovalOneOutcomeNoSecondDeleteAndNoThrottling() throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(100).seed(1919)
                .identityRateLimit(CALLS_PER_10_S).rateWindow(Duration.ofSeconds(10)).orgRateLimit(0)
                .queryStageDuration(Duration.ofMillis(20)).start();
             Admin admin = Admin.create(kafka)) {
            ExecutorFixture fixture = new ExecutorFixture(topics, kafka, simulator);
            fixture.publishRegistry();
            Map<String, Process> instances = Map.of("a", start(simulator, fixture, "a"), "b", start(simulator, fixture, "b"));
            try {
                // both members hold partitions before any work exists, so the takeover is the only move of the identity
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> group(admin).members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2);
                List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO));
                fixture.publishApprovals(approvals);
                String owner = ownerOf(admin, identityPartition(admin));

                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> fixture.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.DEACTIVATED).count() >= approvals.size() / 3);
                instances.get(owner).destroyForcibly().waitFor();
                log("killed the owner (" + owner + ") with SIGKILL after " + fixture.outcomes().size() + " outcomes");

                Map<String, OutcomeKind> terminal = fixture.awaitTerminal(approvals, Duration.ofSeconds(90));
                log("the survivor answered all " + approvals.size() + " approvals");
                assertThat(terminal.values()).as("the survivor finishes every approval, also those the killed owner was in the middle of")
                        .containsOnly(OutcomeKind.DELETED);
                assertThat(ownerOf(admin, identityPartition(admin))).as("the identity moved to the surviving instance").isNotEqualTo(owner);
            } finally {
                for (Process process : instances.values()) {
                    process.destroyForcibly().waitFor();
                }
            }

            Map<String, List<Outcome>> byApproval = fixture.outcomes().stream().collect(Collectors.groupingBy(Outcome::getApprovalId));
            assertThat(byApproval.values()).as("DEACTIVATED then one terminal outcome, per approval")
                    .allSatisfy(history -> assertThat(history).extracting(Outcome::getKind)
                            .containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED));
            String identity = fixture.executorIdentity().clientId();
            Map<String, Long> deletesPerClient = simulator.requestLog().matching(e -> e.method().equals("DELETE") && identity.equals(e.identity()))
                    .stream().collect(Collectors.groupingBy(RequestLog.Entry::path, Collectors.counting()));
            assertThat(deletesPerClient).as("one DELETE call per client").hasSize(byApproval.size()).allSatisfy((path, n) -> assertThat(n).isOne());
            assertThat(simulator.requestLog().matching(e -> identity.equals(e.identity()) && e.status() == 429))
                    .as("the identity's window never overflowed: only one instance paced it at any time").isEmpty();
        }
    }

    private static final long START = System.nanoTime();

    private static void log(String what) {
        System.out.printf("[ExecutorFailoverIT +%.1f s] %s%n", (System.nanoTime() - START) / 1e9, what);
    }

    private static Process start(GenesysSimulator simulator, ExecutorFixture fixture, String instance) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ExecutorProcessMain.class.getName(),
                cluster.bootstrapServers(), registry.url(), simulator.baseUrl(), fixture.orgId,
                fixture.executorIdentity().clientId(), Integer.toString(CALLS_PER_10_S), "2000", GROUP, instance));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/executor-failover-" + instance + ".log"));
        builder.environment().put("OAUTHGOV_IT_EXECUTOR_SECRET", fixture.executorIdentity().secret());
        return builder.start();
    }

    private static ConsumerGroupDescription group(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
    }

    /** The approved-deletions partition holding the approvals: the one the identity's key hashes to. */
    private static TopicPartition identityPartition(Admin admin) throws Exception {
        String topic = TopicCatalog.DELETIONS_APPROVED.name();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < TopicCatalog.DELETIONS_APPROVED.partitions(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        List<TopicPartition> used = admin.listOffsets(latest).all().get().entrySet().stream()
                .filter(e -> e.getValue().offset() > 0).map(Map.Entry::getKey).toList();
        assertThat(used).as("one identity, one partition").hasSize(1);
        return used.get(0);
    }

    /** The instance (its client id) that owns {@code partition} now. */
    private static String ownerOf(Admin admin, TopicPartition partition) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> group(admin).members()
                .stream().filter(m -> m.assignment().topicPartitions().contains(partition)).map(MemberDescription::clientId)
                .findFirst().orElse(null), id -> id != null);
    }
}
