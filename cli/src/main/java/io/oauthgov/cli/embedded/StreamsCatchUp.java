package io.oauthgov.cli.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows when a Streams application has processed everything currently on its input topics: its committed offsets
 * have reached the inputs' last stable offsets. With exactly-once, committed offsets and outputs move together, so
 * at that point every output of those inputs is committed too. Used by the demo between phases.
 */
public final class StreamsCatchUp {
    private StreamsCatchUp() {}

    public static void await(Admin admin, String applicationId, Collection<String> inputTopics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> lag = lag(admin, applicationId, inputTopics);
            if (lag.values().stream().allMatch(l -> l <= 0)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " did not catch up within " + timeout.toSeconds() + " s; lag " + lag);
            }
            Thread.sleep(200);
        }
    }

    public static Map<TopicPartition, Long> lag(Admin admin, String applicationId, Collection<String> inputTopics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.copyOf(inputTopics)).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata done = committed.get(tp);
            // A transaction's commit marker takes an offset, so committed may sit one past the last record.
            lag.put(tp, end.offset() - (done == null ? 0 : done.offset()));
        });
        return lag;
    }
}
