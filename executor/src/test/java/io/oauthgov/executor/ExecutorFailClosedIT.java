package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An executor that cannot read the control topic at start changes nothing and says so: its health is
 * CONTROL_PLANE_UNREADABLE and its kill switch is engaged for every org until the topic can be read. A broker of its
 * own, since the test needs a cluster without the control topic.
 */
class ExecutorFailClosedIT {

    @Test
    void anExecutorThatCannotReadTheControlTopicAtStartStaysSwitchedOffUntilItCan() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(1401).identityRateLimit(600)
                     .rateWindow(Duration.ofSeconds(10)).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL.stream().filter(t -> t != TopicCatalog.CONTROL).toList(), (short) 1);
            }
            Topics topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
            ExecutorFixture fixture = new ExecutorFixture(topics, kafka, simulator);
            fixture.publishRegistry();
            ApprovedDeletion approval = fixture.approve(List.of(fixture.truth(Category.STALE_UNUSED).get(0))).get(0);
            fixture.publishApprovals(List.of(approval));
            ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMinutes(10))
                    .withGroupId("fail-closed-it").withTransactionalId("fail-closed-it")
                    .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);
            GovernanceExecutor executor = new GovernanceExecutor(topics, kafka, ApiIdentities.of(List.of(fixture.executorApi(
                    GovernanceConfig.defaults().withRequestsPerWindow(600).withWindow(Duration.ofSeconds(10))))), settings, Clock.systemUTC());

            try (var running = new ExecutorFixture.RunningExecutor(executor)) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> executor.stats().health() == ExecutorHealth.CONTROL_PLANE_UNREADABLE);
                Thread.sleep(2_000);
                assertThat(fixture.changesTo(approval.getClientId())).as("nothing changes without the control topic").isEmpty();
                assertThat(running.thread.isAlive()).as("it waits, switched off, rather than dying").isTrue();

                try (Admin admin = Admin.create(kafka)) {
                    new TopicProvisioner(admin).ensure(List.of(TopicCatalog.CONTROL), (short) 1);
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.outcomes().isEmpty());
                assertThat(fixture.outcomes()).extracting(o -> o.getKind()).containsExactly(OutcomeKind.DEACTIVATED);
                assertThat(executor.stats().health()).isEqualTo(ExecutorHealth.RUNNING);
            }
        }
    }

    @Test
    void aKillSwitchForEveryOrgPublishedBeforeTheExecutorStartsHoldsEveryChangeWhateverTheActivityTopicHolds() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             io.oauthgov.schemas.registry.SchemaRegistryServer registry = io.oauthgov.schemas.registry.SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(1402).identityRateLimit(600)
                     .rateWindow(Duration.ofSeconds(10)).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
            }
            // through the REST registry, as separate processes (the CLI) talk to it
            Topics topics = Topics.bind(SerdeFactory.avro(new io.oauthgov.schemas.registry.RestSchemaRegistryClient(registry.url())));
            ExecutorFixture fixture = new ExecutorFixture(topics, kafka, simulator);
            fixture.publishRegistry();
            // recent activity on every partition: seeking the activity topic must not move the control topic's position
            fixture.publishUseOnEveryPartition(fixture.truth(Category.ACTIVE_IN_USE).get(0).id(), java.time.Instant.now());
            fixture.control(io.oauthgov.avro.ControlAction.KILL_SWITCH_ON, "*", null);
            ApprovedDeletion approval = fixture.approve(List.of(fixture.truth(Category.STALE_UNUSED).get(0))).get(0);
            fixture.publishApprovals(List.of(approval));
            ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMinutes(10))
                    .withGroupId("all-orgs-it").withTransactionalId("all-orgs-it")
                    .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);

            try (var running = fixture.start(settings, GovernanceConfig.defaults().withRequestsPerWindow(600).withWindow(Duration.ofSeconds(10)))) {
                Thread.sleep(3_000);
                assertThat(fixture.changesTo(approval.getClientId())).as("held by the kill switch for '*'").isEmpty();
                fixture.control(io.oauthgov.avro.ControlAction.KILL_SWITCH_OFF, "*", null);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.outcomes().isEmpty());
            }
        }
    }
}
