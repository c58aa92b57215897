package io.oauthgov.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records a consumer group has not consumed yet. The offset lag alone over-counts on topics
 * written in transactions: every commit marker takes an offset, so a group that has taken all 50 approved deletions
 * of a run still sits one marker behind, and one that has taken none sees 50 records as 52 offsets. Reading the
 * records (read_committed, no group, nothing committed) is exact; the count stops at {@code cap} so a huge backlog
 * costs a bounded read.
 */
final class PendingRecords {
    /** The records counted, and whether the count stopped at the cap (there are at least that many). */
    record Count(long records, boolean capped) {
        @Override
        public String toString() {
            return capped ? "at least " + records : Long.toString(records);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PendingRecords() {}

    static Count of(Map<String, Object> clientConfigs, Admin admin, String groupId, Collection<String> topics, long cap)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.copyOf(topics)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .forEach((name, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).forEach((tp, info) -> {
                    OffsetAndMetadata done = committed.get(tp);
                    long from = done == null ? 0 : done.offset();
                    if (info.offset() > from) {
                        start.put(tp, from);
                        end.put(tp, info.offset());
                    }
                });
        if (start.isEmpty()) {
            return new Count(0, false);
        }
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a group's offset below the log start
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long counted = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            while (!start.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("counting the records not yet consumed by " + groupId + " took longer than "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (end.containsKey(tp) && record.offset() < end.get(tp) && ++counted >= cap) {
                        return new Count(counted, true);
                    }
                }
                // Positions move past commit markers and aborted records too, so "position reached the end" is exact.
                start.keySet().removeIf(tp -> consumer.position(tp) >= end.get(tp));
                consumer.pause(consumer.assignment().stream().filter(tp -> !start.containsKey(tp)).toList());
            }
        }
        return new Count(counted, false);
    }
}
