package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.demo.DemoApprovalSystem;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.metrics.DomainMetrics;
import io.oauthgov.metrics.MetricsServer;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.IdentityRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every long-running stage as its own OS process with {@code --metrics-port}, against a real broker and the
 * simulator: {@code /health/ready} answers 503 until the stage is ready and 200 after, and two scrapes of
 * {@code /metrics} over HTTP show the domain metrics moving with the work the stage did in between.
 */
class MetricsEndpointsIT {
    private static final Duration START = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void collectAnalyzeAndExecuteServeMetricsThatMoveAndReadinessThatFollowsTheStage(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(150).seed(1414).pageSize(50)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            String orgId = simulator.orgIds().get(0);
            String collectorId = simulator.identity(orgId, IdentityRole.COLLECTOR).clientId();
            String executorId = simulator.identity(orgId, IdentityRole.EXECUTOR).clientId();
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            stages.importRegistry();
            // one deployment file for the three stages; approvals are signed with the demo approval system's key
            Files.write(dir.resolve(StackFiles.APPROVAL_KEY), stages.approvalKey());
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 20_000, "collector:\n  auditSettle: 0s\n");
            Files.writeString(config, Files.readString(config).replace(StackFiles.APPROVER, DemoStages.APPROVER));
            List<String> kafka = List.of("--config", config.toString(), "--metrics-port", "0");

            // collector: a drifting listing is never verified, so the stage is not ready and says why
            simulator.faults().listingDrift(true);
            try (StageProcess collector = StageProcess.start(args(kafka, "collect", "--every", "2s"))) {
                String url = collector.metricsUrl(START);
                Awaitility.await().atMost(START).until(() -> get(url + "/health/ready").body().contains("LISTING_DRIFT"));
                HttpResponse<String> unverified = get(url + "/health/ready");
                String first = scrape(url);

                simulator.faults().clear();
                HttpResponse<String> ready = Awaitility.await().atMost(START).until(() -> get(url + "/health/ready"), r -> r.statusCode() == 200);
                String second = scrape(url);

                assertThat(unverified.statusCode()).isEqualTo(503);
                assertThat(unverified.body()).contains("NOT verified").contains(orgId);
                assertThat(ready.body()).contains("verified 1 org(s)");
                assertThat(first).contains(DomainMetrics.SNAPSHOT_VERIFIED.prometheusName() + "{org=\"" + orgId + "\",stage=\"collector\"} 0.0");
                assertThat(second).contains(DomainMetrics.SNAPSHOT_VERIFIED.prometheusName() + "{org=\"" + orgId + "\",stage=\"collector\"} 1.0");
                assertMoved(first, second, DomainMetrics.API_CALLS.prometheusName() + "{identity=\"" + collectorId + "\",org=\"" + orgId
                        + "\",stage=\"collector\"}");
                assertMoved(first, second, DomainMetrics.SNAPSHOTS.prometheusName() + "{org=\"" + orgId + "\",stage=\"collector\",verified=\"true\"}");
                assertThat(second).contains("jvm_memory_used_bytes");
            }

            // analyzer: 503 until Kafka Streams is RUNNING; the candidates of the collection, then approvals by gate result
            try (StageProcess analyzer = StageProcess.start(args(kafka, "analyze", "--application-id", "oauthgov-demo-analyzer",
                    "--state-dir", dir.resolve("state").toString()))) {
                String url = analyzer.metricsUrl(START);
                List<Integer> statuses = readinessUntilReady(url);
                stages.awaitAnalyzer(START);
                stages.confirmSurges();
                String first = scrape(url);

                // executor: 503 until it has read its control plane and owns partitions
                try (StageProcess executor = StageProcess.start(args(kafka, "execute", "--group-id", "metrics-it-executor",
                        "--transactional-id", "metrics-it-executor"))) {
                    String executorUrl = executor.metricsUrl(START);
                    List<Integer> executorStatuses = readinessUntilReady(executorUrl);
                    String executorFirst = scrape(executorUrl);

                    var candidates = new ArrayList<>(TopicTableReader.readAll(environment.topics().candidates(),
                            environment.clientConfigs(), Duration.ofSeconds(30)).values()).subList(0, 3);
                    var decisions = DemoApprovalSystem.decide(candidates, new DemoApprovalSystem.Plan(1.0, 0, false, true),
                            DemoStages.APPROVER, stages.approvalKey(), Instant.now(), 7);
                    ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), decisions.approvals());
                    stages.awaitAnalyzer(START);
                    String dryRuns = DomainMetrics.OUTCOMES.prometheusName() + "{kind=\"DRY_RUN\",stage=\"executor\"}";
                    String executorSecond = Awaitility.await().atMost(START).until(() -> scrape(executorUrl),
                            s -> value(s, dryRuns).orElse(0) == 2);
                    String second = scrape(url);

                    assertThat(statuses).as("analyzer readiness while starting, then ready").startsWith(503).endsWith(200);
                    assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(503);
                    assertThat(required(first, DomainMetrics.CANDIDATES_PROPOSED.prometheusName() + "{org=\"" + orgId + "\",stage=\"analyzer\"}"))
                            .as("the stale clients of the collection were proposed").isPositive();
                    assertThat(first).contains(DomainMetrics.CANDIDATES_OPEN.prometheusName() + "{org=\"" + orgId + "\",stage=\"analyzer\"}")
                            .contains(DomainMetrics.RISK_EVENTS.prometheusName()).contains("kafka_stream_");
                    assertMoved(first, second, DomainMetrics.APPROVALS.prometheusName() + "{result=\"passed\",stage=\"analyzer\"}");
                    assertThat(value(second, DomainMetrics.APPROVALS.prometheusName() + "{result=\"BAD_SIGNATURE\",stage=\"analyzer\"}"))
                            .as("the forged approval, refused by the gate").hasValue(1.0);

                    assertThat(executorStatuses).as("executor readiness while starting, then ready").startsWith(503).endsWith(200);
                    assertThat(value(executorFirst, dryRuns)).hasValue(0.0);
                    assertMoved(executorFirst, executorSecond, DomainMetrics.API_CALLS.prometheusName() + "{identity=\"" + executorId
                            + "\",org=\"" + orgId + "\",stage=\"executor\"}");
                    assertThat(executorSecond).contains(DomainMetrics.QUARANTINE_CLIENTS.prometheusName() + "{stage=\"executor\"} 0.0")
                            .contains("kafka_consumer_fetch_manager_records_lag");
                    assertThat(get(executorUrl + "/health/live").statusCode()).isEqualTo(200);
                }
            }
        }
    }

    /** Polls {@code /health/ready} from the moment the endpoint is up until it says 200; every answer seen, in order. */
    private List<Integer> readinessUntilReady(String url) {
        List<Integer> statuses = new ArrayList<>();
        Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(25)).until(() -> {
            int status = get(url + "/health/ready").statusCode();
            statuses.add(status);
            return status == 200;
        });
        return statuses;
    }

    private String scrape(String url) throws Exception {
        HttpResponse<String> response = get(url + "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
        return response.body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertMoved(String first, String second, String series) {
        double before = value(first, series).orElse(0);
        assertThat(required(second, series)).as(series + " after the stage worked (was " + before + ")").isGreaterThan(before);
    }

    private static double required(String scrape, String series) {
        return value(scrape, series).orElseThrow(() -> new AssertionError(series + " missing in the scrape:\n" + scrape));
    }

    private static OptionalDouble value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst();
    }

    private static String[] args(List<String> kafka, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(kafka);
        return all.toArray(String[]::new);
    }
}
