package io.oauthgov.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {
    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void neverCommitsPastARecordStillInFlightEvenWhenLaterOnesFinishFirst() {
        ledger.started(p0, 10);
        ledger.started(p0, 11);
        ledger.started(p0, 12);
        ledger.finished(p0, 12);
        ledger.finished(p0, 11);

        assertThat(ledger.advanced()).containsEntry(p0, new OffsetAndMetadata(10));
    }

    @Test
    void commitsPastEverythingOnceAllFinishedIncludingRefusedRecords() {
        ledger.started(p0, 10);
        ledger.finished(p0, 11); // refused at the door: never in flight
        ledger.finished(p0, 10);

        assertThat(ledger.advanced()).containsEntry(p0, new OffsetAndMetadata(12));
        ledger.committed(ledger.advanced());
        assertThat(ledger.advanced()).as("nothing new to commit").isEmpty();
    }

    @Test
    void forgetsRevokedPartitions() {
        ledger.started(p0, 5);
        ledger.forget(List.of(p0));

        assertThat(ledger.owns(p0)).isFalse();
        assertThat(ledger.inFlight()).isZero();
        assertThat(ledger.advanced()).isEmpty();
    }
}
