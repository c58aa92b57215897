package io.oauthgov.bench.analyzer;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.kafka.ConsumerGroupLag;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.CloseOptions;

/**
 * Runs the real analyzer ({@link AnalyzerApp}: the production topology, exactly-once v2, RocksDB stores, the
 * catalog's Avro serdes against the schema registry) over what its input topics hold, and times it from RUNNING
 * until its consumer group has committed every input record. Start-up (group join, task creation) is not counted:
 * it is a fixed cost, not throughput. The analyzer is closed after each pass, so the next load is not raced by a
 * running consumer; its state directory and application id persist, as across a production restart.
 */
final class AnalyzerHarness {
    static final String APPLICATION_ID = "oauthgov-bench-analyzer";
    private static final List<String> INPUTS = List.of(TopicCatalog.CLIENTS.name(), TopicCatalog.ACTIVITY.name(),
            TopicCatalog.INTEGRATIONS.name(), TopicCatalog.APPROVALS.name());
    /** The time found is at most this late: small next to passes of several seconds. */
    private static final Duration LAG_POLL = Duration.ofMillis(50);

    private final BenchContext context;
    private final Path stateDir;
    private final Policy policy = PolicyLoader.loadDefault();

    /** How many input records one pass processed, how long it took, and the fixed costs around it. */
    record Pass(long records, PassMeter.Measured measured, long startupNanos, long closeNanos) {
        long nanos() {
            return measured.wallNanos();
        }

        double perSecond() {
            return records * 1_000_000_000.0 / nanos();
        }

        String describe(String what) {
            return String.format("%,d %s in %.1f s = %,.0f/s (start to RUNNING %.1f s, close %.1f s, not counted); %s",
                    records, what, nanos() / 1e9, perSecond(), startupNanos / 1e9, closeNanos / 1e9, measured.describe());
        }
    }

    AnalyzerHarness(BenchContext context) {
        this.context = context;
        this.stateDir = context.scratch().resolve("analyzer-state");
    }

    Pass processBacklog(Duration timeout) throws Exception {
        try (ConsumerGroupLag lag = new ConsumerGroupLag(context.bootstrapServers(), APPLICATION_ID, INPUTS)) {
            long backlog = lag.lag();
            long launched = System.nanoTime();
            AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Config.builder(context.bootstrapServers())
                    .applicationId(APPLICATION_ID)
                    .stateDir(stateDir)
                    .replicationFactor(1)
                    .schemaRegistryUrl(context.schemaRegistryUrl())
                    .overrides(context.options().analyzerOverrides())
                    .build(), policy, AnalyzerSettings.builder().build());
            PassMeter.Measured measured;
            long end;
            try {
                if (!app.awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the analyzer did not reach RUNNING within 60 s");
                }
                PassMeter meter = PassMeter.start(APPLICATION_ID);
                end = lag.awaitZero(timeout, LAG_POLL);
                measured = meter.stop(end);
            } finally {
                // Leave the group on close: Streams otherwise stays a member until its session times out (45 s),
                // and the next pass's start would wait that out in a rebalance.
                app.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
                app.close();
            }
            return new Pass(backlog, measured, measured.startNanos() - launched, System.nanoTime() - end);
        }
    }
}
