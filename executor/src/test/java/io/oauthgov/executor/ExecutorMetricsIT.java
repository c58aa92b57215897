package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.metrics.ExecutorReadiness;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.metrics.DomainMetrics;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The executor's outcomes, quarantine, identity and consumer figures as a scrape shows them, and its readiness. */
class ExecutorMetricsIT {

    @Test
    void exportsOutcomesQuarantineIdentityAndConsumerFiguresAndIsReadyOnlyWhileItOwnsPartitions() throws Exception {
        try (ProvisionedBroker broker = ProvisionedBroker.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(60).seed(951).identityRateLimit(6000)
                     .orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            ExecutorFixture fixture = new ExecutorFixture(broker.topics(), broker.kafka(), simulator);
            fixture.publishRegistry();
            List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED));
            fixture.publishApprovals(approvals);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            GenesysClient api = fixture.executorApi(GovernanceConfig.defaults().withRequestsPerWindow(6000));
            ExecutorSettings settings = ExecutorSettings.defaults().withExecute(true).withQuarantine(Duration.ofMinutes(10))
                    .withGroupId("executor-metrics-it").withTransactionalId("executor-metrics-it")
                    .withTrust(ExecutorFixture.TRUST).withLimits(ExecutorFixture.NO_LIMITS);

            ExecutorReadiness readiness;
            String whileRunning;
            try (var running = fixture.start(settings, List.of(api), new ExecutorMetrics(registry, Clock.systemUTC()))) {
                readiness = new ExecutorReadiness(running.executor.stats());
                // every stale client deactivated, awaiting its delete in a quarantine longer than the test
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                        fixture.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.DEACTIVATED).count() == approvals.size());
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.executor.stats().quarantined() == approvals.size());
                assertThat(readiness.check().ready()).as(readiness.check().detail()).isTrue();
                whileRunning = registry.scrape();
            }

            assertThat(whileRunning)
                    .contains(DomainMetrics.QUARANTINE_CLIENTS.prometheusName() + " " + (double) approvals.size())
                    .contains(DomainMetrics.OUTCOMES.prometheusName() + "{kind=\"DEACTIVATED\"} " + (double) approvals.size())
                    .contains(DomainMetrics.OUTCOMES.prometheusName() + "{kind=\"FAILED\"} 0.0")
                    .contains(DomainMetrics.EXECUTOR_PARTITIONS.prometheusName() + " " + (double) TopicCatalog.DELETIONS_APPROVED.partitions())
                    .contains("kafka_consumer_fetch_manager_records_lag_max");
            assertThat(whileRunning.lines().filter(l -> l.startsWith(DomainMetrics.API_CALLS.prometheusName() + "{identity=\""
                    + api.identity().clientId())).findFirst().orElseThrow()).doesNotEndWith(" 0.0");
            assertThat(readiness.check().ready()).as("stopped").isFalse();
            assertThat(readiness.check().detail()).contains("STOPPED");
        }
    }
}
