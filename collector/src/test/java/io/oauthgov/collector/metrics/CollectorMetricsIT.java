package io.oauthgov.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oauthgov.collector.Collector;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.metrics.DomainMetrics;
import io.oauthgov.metrics.Readiness;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The collector's figures and readiness after real cycles against the simulator on a real broker. */
class CollectorMetricsIT {

    @Test
    void anUnverifiedCycleIsNotReadyAndShowsAsSuchThenAVerifiedOneIsReadyWithFreshFigures() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             GenesysSimulator simulator = GenesysSimulator.builder().identityRateLimit(6000).orgRateLimit(0).orgs(1).clientsPerOrg(60)
                     .seed(301).pageSize(20).queryStageDuration(Duration.ofMillis(20)).start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
            }
            String orgId = simulator.orgIds().get(0);
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            OrgTarget target = new OrgTarget(orgId, identity.region(), GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                    new ClientCredentials(identity.clientId(), identity.secret()), GovernanceConfig.defaults().withRequestsPerWindow(6000)));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
            Topics topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
            String org = "{org=\"" + orgId + "\"}";

            try (Collector collector = new Collector(CollectorSettings.defaults().withTransactionalId("collector-metrics-it")
                    .withAuditSettle(Duration.ZERO), topics, kafka, Clock.systemUTC(), metrics)) {
                Readiness.Status beforeAnyCycle = metrics.health().check();
                simulator.faults().listingDrift(true);
                collector.collectOnce(List.of(target), line -> { });
                String drifted = registry.scrape();
                Readiness.Status afterDrift = metrics.health().check();

                simulator.faults().clear();
                collector.collectOnce(List.of(target), line -> { });
                String verified = registry.scrape();
                Readiness.Status afterVerified = metrics.health().check();

                assertThat(beforeAnyCycle.ready()).isFalse();
                assertThat(beforeAnyCycle.detail()).contains("no collection cycle finished yet");
                assertThat(afterDrift.ready()).isFalse();
                assertThat(afterDrift.detail()).contains(orgId).contains("NOT verified").contains("LISTING_DRIFT");
                assertThat(drifted).contains(DomainMetrics.SNAPSHOT_VERIFIED.prometheusName() + org + " 0.0")
                        .contains(DomainMetrics.SNAPSHOTS.prometheusName() + "{org=\"" + orgId + "\",verified=\"false\"} 1.0")
                        .contains(DomainMetrics.SNAPSHOT_AGE.prometheusName() + org + " NaN");

                assertThat(afterVerified.ready()).as(afterVerified.detail()).isTrue();
                assertThat(verified).contains(DomainMetrics.SNAPSHOT_VERIFIED.prometheusName() + org + " 1.0")
                        .contains(DomainMetrics.SNAPSHOTS.prometheusName() + "{org=\"" + orgId + "\",verified=\"true\"} 1.0")
                        .contains(DomainMetrics.SNAPSHOT_CLIENTS.prometheusName() + org + " "
                                + (double) simulator.organization(orgId).listClients(Instant.now()).size());
                assertThat(value(verified, DomainMetrics.SNAPSHOT_AGE.prometheusName() + org)).isBetween(0.0, 60.0);
                assertThat(value(verified, DomainMetrics.EVIDENCE_COVERAGE_AGE.prometheusName() + "{org=\"" + orgId + "\",source=\"audit\"}"))
                        .as("audit read up to now (no settle delay)").isBetween(0.0, 60.0);
                assertThat(value(verified, DomainMetrics.EVIDENCE_COVERAGE_AGE.prometheusName() + "{org=\"" + orgId + "\",source=\"usage\"}"))
                        .as("usage is read in whole UTC days: covered up to today's start").isBetween(0.0, 86_400.0);
                String calls = DomainMetrics.API_CALLS.prometheusName() + "{identity=\"" + identity.clientId() + "\",org=\"" + orgId + "\"}";
                assertThat(value(verified, calls)).as("the second cycle called the API again").isGreaterThan(value(drifted, calls));
            }
        }
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " missing in\n" + scrape));
    }
}
