package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.executor.reconcile.ReconcileReport;
import io.oauthgov.executor.reconcile.ReconcileStatus;
import io.oauthgov.executor.reconcile.Reconciliation;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kills the executor process with SIGKILL — no shutdown hook, no graceful close — once during deactivations and once
 * during deletes, restarts it each time, and checks what a crash must never cause: an approval with no outcome or
 * two, a client deactivated twice into two quarantines, a client deleted twice.
 */
class ExecutorCrashIT {
    private static final int CALLS_PER_10_S = 120;

    @Test
    void killedMidRunAndRestartedLeavesExactlyOneOutcomePerApprovalAndNoDoubleDelete() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(100).seed(901)
                     .identityRateLimit(CALLS_PER_10_S).rateWindow(Duration.ofSeconds(10)).orgRateLimit(0)
                     .queryStageDuration(Duration.ofMillis(20)).start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
            }
            Topics topics = Topics.bind(SerdeFactory.avro(registry.registry()));
            ExecutorFixture fixture = new ExecutorFixture(topics, kafka, simulator);
            fixture.publishRegistry();
            List<ApprovedDeletion> approvals = fixture.approve(fixture.truth(Category.STALE_UNUSED, Category.DISABLED_LONG_AGO));
            fixture.publishApprovals(approvals);
            List<String> command = command(broker, registry, simulator, fixture);

            Process first = start(command, fixture, "first");
            awaitOutcomes(fixture, o -> o.getKind() == OutcomeKind.DEACTIVATED, approvals.size() / 3);
            first.destroyForcibly().waitFor();
            log("killed the first executor (SIGKILL) during deactivations");

            Process second = start(command, fixture, "second");
            awaitOutcomes(fixture, o -> o.getKind() == OutcomeKind.DELETED, approvals.size() / 3);
            second.destroyForcibly().waitFor();
            log("killed the second executor (SIGKILL) during deletes");

            Process third = start(command, fixture, "third");
            try {
                Map<String, OutcomeKind> terminal = fixture.awaitTerminal(approvals, Duration.ofSeconds(180));
                log("the third executor answered every approval");
                // a delete sent before a kill is still ours: its intent was committed before the DELETE left
                assertThat(terminal.values()).as("every approval ends DELETED, also those killed between DELETE and commit")
                        .containsOnly(OutcomeKind.DELETED);
            } finally {
                third.destroyForcibly().waitFor();
            }

            Map<String, List<Outcome>> byApproval = fixture.outcomes().stream().collect(Collectors.groupingBy(Outcome::getApprovalId));
            log("deletes a restart found made by a killed executor (intent on record): " + fixture.outcomes().stream()
                    .filter(o -> o.getKind() == OutcomeKind.DELETED && o.getDetail() != null && o.getDetail().contains("intent on record")).count());
            for (ApprovedDeletion approval : approvals) {
                List<OutcomeKind> history = byApproval.get(approval.getApprovalId()).stream().map(Outcome::getKind).toList();
                assertThat(history).as("outcomes of " + approval.getClientId())
                        .hasSize(2).first().isEqualTo(OutcomeKind.DEACTIVATED);
            }
            List<String> deleted = simulator.deletionLog().deletions().stream().map(d -> d.clientId()).toList();
            assertThat(deleted).as("each approved client deleted exactly once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(approvals.stream().map(ApprovedDeletion::getClientId).toList());
            List<RequestLog.Entry> successfulDeletes = simulator.requestLog().matching(e -> e.method().equals("DELETE") && e.status() / 100 == 2);
            assertThat(successfulDeletes).hasSize(approvals.size());
            Set<String> puts = simulator.requestLog().matching(e -> e.method().equals("PUT")).stream().map(RequestLog.Entry::path)
                    .collect(Collectors.toSet());
            assertThat(puts).hasSize(approvals.size());

            ReconcileReport report = new Reconciliation(topics, kafka, Clock.systemUTC()).run(Instant.EPOCH,
                    Map.of(fixture.orgId, fixture.executorApi(GovernanceConfig.defaults().withRequestsPerWindow(CALLS_PER_10_S)
                            .withWindow(Duration.ofSeconds(10)))), line -> { });
            assertThat(report.counts().get(ReconcileStatus.DELETED)).as("reconcile counts what the simulator's deletion log shows")
                    .isEqualTo((long) simulator.deletionLog().deletions().size());
            assertThat(report.counts().get(ReconcileStatus.ALREADY_ABSENT)).isZero();
        }
    }

    private static final long START = System.nanoTime();

    private static void log(String what) {
        System.out.printf("[ExecutorCrashIT +%.1f s] %s%n", (System.nanoTime() - START) / 1e9, what);
    }

    private static List<String> command(EmbeddedKafkaBroker broker, SchemaRegistryServer registry, GenesysSimulator simulator,
                                        ExecutorFixture fixture) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ExecutorProcessMain.class.getName(),
                broker.bootstrapServers(), registry.url(), simulator.baseUrl(), fixture.orgId,
                fixture.executorIdentity().clientId(), Integer.toString(CALLS_PER_10_S), "3000", "crash-it-executor"));
        return command;
    }

    private static Process start(List<String> command, ExecutorFixture fixture, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/executor-process-" + name + ".log"));
        builder.environment().put("OAUTHGOV_IT_EXECUTOR_SECRET", fixture.executorIdentity().secret());
        return builder.start();
    }

    private static void awaitOutcomes(ExecutorFixture fixture, Predicate<Outcome> which, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.outcomes().stream().filter(which).count() >= count);
    }
}
