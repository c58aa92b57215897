package io.oauthgov.analyzer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class AnalyzerHealthTest {

    @Test
    void readyOnlyWhileRunning() {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            assertThat(new AnalyzerHealth(() -> state).check().ready()).as(state.name()).isEqualTo(state == KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void saysWhyItIsNotReady() {
        assertThat(new AnalyzerHealth(() -> KafkaStreams.State.REBALANCING).check().detail()).contains("REBALANCING").contains("assigned");
        assertThat(new AnalyzerHealth(() -> KafkaStreams.State.ERROR).check().detail()).contains("ERROR").contains("log");
    }
}
