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
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * Reads every committed record of a topic from the beginning to its current end, in order within each partition:
 * what a report, a reconciliation or a test needs of an event topic (risk events, outcomes, rejections), and the
 * log {@link TopicTableReader} folds into a table.
 */
public final class TopicLogReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicLogReader() {}

    public record Entry<K, V>(K key, V value, int partition, long offset, long timestamp) {}

    /** Fails on the first record it cannot read. */
    public static <K extends SpecificRecord, V extends SpecificRecord> List<Entry<K, V>> readAll(
            Topic<K, V> topic, Map<String, Object> clientConfigs, Duration timeout) {
        return readAll(topic, clientConfigs, timeout, e -> {
            throw e;
        });
    }

    /**
     * Reads past records it cannot deserialize, handing each to {@code onUnreadable} (which may rethrow): a report
     * over a topic that holds one bad record must still say something about all the others.
     */
    public static <K extends SpecificRecord, V extends SpecificRecord> List<Entry<K, V>> readAll(
            Topic<K, V> topic, Map<String, Object> clientConfigs, Duration timeout,
            java.util.function.Consumer<RecordDeserializationException> onUnreadable) {
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
                try {
                    consumer.poll(POLL).forEach(r -> entries.add(new Entry<>(r.key(), r.value(), r.partition(), r.offset(), r.timestamp())));
                } catch (RecordDeserializationException e) {
                    onUnreadable.accept(e);
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        return entries;
    }
}
