package io.oauthgov.bench.analyzer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.kafka.ConsumerGroupLag;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final BenchContext context;
    private final Path stateDir;
    private final Policy policy = PolicyLoader.loadDefault();
    /** Kept across passes: its evaluation counter counts every pass's work. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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

    /** Policy evaluations of one client so far, over every pass. */
    double evaluations() {
        return meters.counter(AnalyzerMetrics.EVALUATIONS).count();
    }

    Pass processBacklog(Duration timeout) throws Exception {
        AnalyzerApp[] app = new AnalyzerApp[1];
        return timeBacklog(context, APPLICATION_ID, INPUTS, timeout, () -> {
            app[0] = AnalyzerApp.start(AnalyzerApp.Config.builder(context.bootstrapServers())
                    .applicationId(APPLICATION_ID)
                    .stateDir(stateDir)
                    .replicationFactor(1)
                    .schemaRegistryUrl(context.schemaRegistryUrl())
                    .overrides(context.options().analyzerOverrides())
                    .build(), policy, AnalyzerSettings.builder().build(), meters);
            return app[0].streams();
        }, () -> app[0].close());
    }

    /**
     * Starts a Streams application over what its inputs hold and times it from RUNNING until its group has committed
     * every input record; start-up and close are measured apart, as fixed costs. Shared by the analyzer and the
     * {@link StreamsBaseline}, so both are timed the same way.
     */
    static Pass timeBacklog(BenchContext context, String applicationId, List<String> inputs, Duration timeout,
                            Supplier<KafkaStreams> start, Runnable afterClose) throws Exception {
        try (ConsumerGroupLag lag = new ConsumerGroupLag(context.bootstrapServers(), applicationId, inputs)) {
            long backlog = lag.lag();
            long launched = System.nanoTime();
            KafkaStreams streams = start.get();
            PassMeter.Measured measured;
            long end;
            try {
                awaitRunning(streams, applicationId);
                PassMeter meter = PassMeter.start(applicationId);
                end = lag.awaitZero(timeout, LAG_POLL);
                measured = meter.stop(end);
            } finally {
                // Leave the group on close: Streams otherwise stays a member until its session times out (45 s),
                // and the next pass's start would wait that out in a rebalance.
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
                afterClose.run();
            }
            return new Pass(backlog, measured, measured.startNanos() - launched, System.nanoTime() - end);
        }
    }

    private static void awaitRunning(KafkaStreams streams, String applicationId) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException(applicationId + " stopped while starting (" + state + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " did not reach RUNNING within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
