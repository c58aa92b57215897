package io.oauthgov.cli.embedded;

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
 * Knows when a Streams application has processed everything currently on its input topics and its outputs can be
 * read: its committed offsets have reached the inputs' last stable offsets, and no transaction is open on its
 * output topics. With exactly-once, committed offsets and outputs move together, but a commit's markers reach the
 * output partitions a moment after the offsets: until then a {@code read_committed} reader stops before the last
 * transaction. Used by the demo between phases, by {@code oauthgov audit} and {@code oauthgov status}.
 */
public final class StreamsCatchUp {
    /** Three small admin requests per check: cheap for a local broker, and a phase ends within this of being done. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private StreamsCatchUp() {}

    public static void await(Admin admin, String applicationId, Collection<String> inputTopics, Duration timeout) throws Exception {
        await(admin, applicationId, inputTopics, List.of(), timeout);
    }

    /** @param outputTopics topics the application writes, which must have no open transaction when this returns */
    public static void await(Admin admin, String applicationId, Collection<String> inputTopics, Collection<String> outputTopics,
                             Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> lag = lag(admin, applicationId, inputTopics);
            Map<TopicPartition, Long> open = lag.values().stream().allMatch(l -> l <= 0) ? openTransactions(admin, outputTopics) : Map.of();
            if (lag.values().stream().allMatch(l -> l <= 0) && open.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " did not catch up within " + timeout.toSeconds() + " s; lag " + lag
                        + (open.isEmpty() ? "" : ", records in open transactions on its outputs " + open));
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
    }

    public static Map<TopicPartition, Long> lag(Admin admin, String applicationId, Collection<String> inputTopics)
            throws ExecutionException, InterruptedException {
        // Committed offsets first, ends second: a commit landing between the two reads then shows as lag (read again)
        // instead of hiding what it wrote to an input it feeds itself (the org-signals repartition topic).
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> ends = offsets(admin, inputTopics, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata done = committed.get(tp);
            // A transaction's commit marker takes an offset, so committed may sit one past the last record.
            lag.put(tp, end - (done == null ? 0 : done.offset()));
        });
        return lag;
    }

    /** Output partitions whose last stable offset is behind their high watermark: a transaction's markers are not all written yet. */
    private static Map<TopicPartition, Long> openTransactions(Admin admin, Collection<String> outputTopics)
            throws ExecutionException, InterruptedException {
        if (outputTopics.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> stable = offsets(admin, outputTopics, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> written = offsets(admin, outputTopics, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> open = new HashMap<>();
        written.forEach((tp, end) -> {
            if (end > stable.getOrDefault(tp, 0L)) {
                open.put(tp, end - stable.getOrDefault(tp, 0L));
            }
        });
        return open;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<String> topics, IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.copyOf(topics)).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
