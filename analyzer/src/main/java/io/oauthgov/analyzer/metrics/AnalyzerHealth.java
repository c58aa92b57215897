package io.oauthgov.analyzer.metrics;

import io.oauthgov.metrics.Readiness;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** The analyzer is ready while Kafka Streams is RUNNING: every task assigned and restored, processing. */
public final class AnalyzerHealth implements Readiness {
    private final Supplier<KafkaStreams.State> state;

    public AnalyzerHealth(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public Status check() {
        KafkaStreams.State now = state.get();
        return switch (now) {
            case RUNNING -> Status.ready("analyzer RUNNING");
            case CREATED, REBALANCING -> Status.notReady("analyzer " + now + ": tasks are being assigned or restored");
            default -> Status.notReady("analyzer " + now + ": it stopped; see its log for the cause");
        };
    }
}
