package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.QuarantinePhase;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.generator.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The whole cluster goes away in the middle of an executing run, for longer than the executor's transaction timeout.
 * The executor must stop acting: a PUT or DELETE leaves only after its intent is committed, and nothing commits
 * without brokers, so no call is made that the pipeline could not record. It stops (a supervisor restarts it), and
 * once the brokers are back the restarted executor finishes every approval exactly once.
 */
class ExecutorOutageFailoverIT {
    private static final int CALLS_PER_10_S = 200;
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void withTheClusterDownLongerThanTheTransactionTimeoutNothingChangesAndARestartFinishesEveryApprovalOnce() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(100).seed(1920)
                     .identityRateLimit(CALLS_PER_10_S).rateWindow(Duration.ofSeconds(10)).orgRateLimit(0)
                     .queryStageDuration(Duration.ofMillis(20)).start()) {
            // Short client timeouts so the outage is noticed in seconds, not the default minutes.
            Map<String, Object> kafka = Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "transaction.timeout.ms", (int) TRANSACTION_TIMEOUT.toMillis(), "max.block.ms", 5_000,
                    "request.timeout.ms", 3_000, "delivery.timeout.ms", 6_000, "default.api.timeout.ms", 10_000,
                    "session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 3);
            }
            Topics topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
            ExecutorFixture fixture = new ExecutorFixture(topics, kafka, simulator);
            fixture.publishRegistry();
            List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO));
            fixture.publishApprovals(approvals);
            ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofSeconds(2))
                    .withGroupId("outage-it-executor").withTransactionalId("outage-it-executor")
                    .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);
            GovernanceConfig governance = GovernanceConfig.defaults().withRequestsPerWindow(CALLS_PER_10_S).withWindow(Duration.ofSeconds(10));

            ExecutorFixture.RunningExecutor first = fixture.start(settings, governance);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> fixture.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.DEACTIVATED).count() >= 3);
            Instant down = Instant.now();
            for (int id : cluster.brokerIds()) {
                cluster.stopBroker(id);
            }
            Instant allDown = Instant.now();

            // it notices at its next commit and stops on its own: no transaction, no intent, no call
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> !first.thread.isAlive());
            assertThat(first.failure).as("the executor stops because it cannot go on safely").isNotNull();
            Awaitility.await().pollDelay(TRANSACTION_TIMEOUT.plusSeconds(1)).until(() -> true); // the outage outlasts the transaction timeout
            List<RequestLog.Entry> duringOutage = changes(fixture, allDown.plusSeconds(2), Instant.now());
            for (int id : cluster.brokerIds()) {
                cluster.startBroker(id);
            }
            Instant back = Instant.now();

            ExecutorFixture.RunningExecutor second = fixture.start(settings, governance);
            try {
                Map<String, OutcomeKind> terminal = fixture.awaitTerminal(approvals, Duration.ofSeconds(120));
                assertThat(terminal.values()).as("the restarted executor finishes every approval").containsOnly(OutcomeKind.DELETED);
            } finally {
                second.close();
            }

            assertThat(duringOutage).as("no PUT or DELETE while nothing could be committed (stopped at %s, back at %s)", down, back).isEmpty();
            Map<String, List<OutcomeKind>> byApproval = fixture.outcomes().stream().collect(Collectors.groupingBy(Outcome::getApprovalId,
                    Collectors.mapping(Outcome::getKind, Collectors.toList())));
            assertThat(byApproval).hasSize(approvals.size())
                    .allSatisfy((id, kinds) -> assertThat(kinds).containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED));
            // every change ever sent had its intent committed first: the intents are on the quarantine topic (read_committed)
            Set<String> deactivating = intents(fixture, QuarantinePhase.DEACTIVATING);
            Set<String> deleting = intents(fixture, QuarantinePhase.DELETING);
            List<RequestLog.Entry> all = changes(fixture, Instant.EPOCH, Instant.now());
            assertThat(all).filteredOn(e -> e.method().equals("PUT")).extracting(ExecutorOutageFailoverIT::clientOf)
                    .allSatisfy(client -> assertThat(deactivating).contains(client));
            assertThat(all).filteredOn(e -> e.method().equals("DELETE")).extracting(ExecutorOutageFailoverIT::clientOf)
                    .doesNotHaveDuplicates().allSatisfy(client -> assertThat(deleting).contains(client));
        }
    }

    /** PUT and DELETE calls of the executor identity between two instants. */
    private static List<RequestLog.Entry> changes(ExecutorFixture fixture, Instant from, Instant to) {
        String identity = fixture.executorIdentity().clientId();
        return fixture.simulator.requestLog().matching(e -> identity.equals(e.identity()) && (e.method().equals("PUT") || e.method().equals("DELETE"))
                && !e.at().isBefore(from) && !e.at().isAfter(to));
    }

    private static String clientOf(RequestLog.Entry entry) {
        return entry.path().substring(entry.path().lastIndexOf('/') + 1);
    }

    private static Set<String> intents(ExecutorFixture fixture, QuarantinePhase phase) {
        return TopicLogReader.readAll(fixture.topics.quarantine(), fixture.kafka, Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(q -> q != null && q.getPhase() == phase)
                .map(QuarantineEntry::getClientId).collect(Collectors.toSet());
    }
}
