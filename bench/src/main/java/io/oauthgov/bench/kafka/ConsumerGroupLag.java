package io.oauthgov.bench.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application id) is behind its input topics: the inputs' last stable
 * offsets minus the group's committed offsets. With exactly-once the committed offsets move with the outputs'
 * transaction, so zero lag means every output of the inputs so far is committed. Same idea as the CLI's
 * StreamsCatchUp, kept here so the harness does not depend on the CLI.
 */
public final class ConsumerGroupLag implements AutoCloseable {
    private final Admin admin;
    private final String groupId;
    private final List<String> inputTopics;

    public ConsumerGroupLag(String bootstrapServers, String groupId, Collection<String> inputTopics) {
        this.admin = BenchTopics.admin(bootstrapServers);
        this.groupId = groupId;
        this.inputTopics = List.copyOf(inputTopics);
    }

    /** Records on the inputs the group has not committed yet. */
    public long lag() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputTopics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            // A transaction's commit marker takes an offset, so a committed offset may sit one past the last record.
            lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
        }
        return lag;
    }

    /**
     * Polls until the lag is zero and returns {@link System#nanoTime()} of the first poll that saw it.
     *
     * @param pollInterval the measurement's resolution: the time found is at most this late
     */
    public long awaitZero(Duration timeout, Duration pollInterval) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long lag = lag();
            long now = System.nanoTime();
            if (lag == 0) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException(groupId + " still " + lag + " records behind after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
