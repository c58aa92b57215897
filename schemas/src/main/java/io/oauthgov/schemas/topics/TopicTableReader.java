package io.oauthgov.schemas.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a compacted topic from the beginning to its current end and returns the latest value per key, with
 * tombstones removing keys: the table a stage needs at start-up (the collector's view of known clients, its
 * checkpoints, the executor's pending quarantines). Reads {@code read_committed}, so aborted writes never count.
 */
public final class TopicTableReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicTableReader() {}

    public static <K extends SpecificRecord, V extends SpecificRecord> Map<K, V> readAll(
            Topic<K, V> topic, Map<String, Object> clientConfigs, Duration timeout) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<K, V> table = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(configs, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s reading " + topic.name() + " to its end");
                }
                consumer.poll(POLL).forEach(record -> {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), record.value());
                    }
                });
            }
        }
        return table;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
