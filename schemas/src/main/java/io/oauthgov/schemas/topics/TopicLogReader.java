package io.oauthgov.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every committed record of a topic from the beginning to its current end, in order within each partition:
 * what a report, a reconciliation or a test needs of an event topic (risk events, outcomes, rejections), and the
 * log {@link TopicTableReader} folds into a table.
 */
public final class TopicLogReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicLogReader() {}

    public record Entry<K, V>(K key, V value, int partition, long offset, long timestamp) {}

    public static <K extends SpecificRecord, V extends SpecificRecord> List<Entry<K, V>> readAll(
            Topic<K, V> topic, Map<String, Object> clientConfigs, Duration timeout) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Entry<K, V>> entries = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(configs, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s reading " + topic.name());
                }
                consumer.poll(POLL).forEach(r -> entries.add(new Entry<>(r.key(), r.value(), r.partition(), r.offset(), r.timestamp())));
            }
        }
        return entries;
    }
}
