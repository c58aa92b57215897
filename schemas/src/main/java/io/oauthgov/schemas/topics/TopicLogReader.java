package io.oauthgov.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every committed record of a topic from the beginning to its current end, in order within each partition:
 * what a report, a reconciliation or a test needs of an event topic (risk events, outcomes, rejections), and the
 * log {@link TopicTableReader} folds into a table.
 */
public final class TopicLogReader {
    private static final Duration POLL = Duration.ofMillis(100);

    private TopicLogReader() {}

    /**
     * Closes a reader without a group: nothing to commit or leave, so nothing to wait for. The default close waits
     * for the fetch the consumer sent ahead after its last poll, which the broker holds at a topic's end for
     * {@code fetch.max.wait.ms} (500 ms): half a second per read for nothing (the demo read seven topics so).
     */
    public static void closeAtOnce(KafkaConsumer<?, ?> consumer) {
        consumer.close(Duration.ZERO);
    }

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
            Consumer<RecordDeserializationException> onUnreadable) {
        List<Entry<K, V>> entries = new ArrayList<>();
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readerConfigs(clientConfigs), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        try {
            boolean reachedEnds = readToEnds(consumer, List.of(topic.name()), timeout,
                    records -> records.forEach(r -> entries.add(new Entry<>(r.key(), r.value(), r.partition(), r.offset(), r.timestamp()))),
                    onUnreadable);
            if (!reachedEnds) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s reading " + topic.name());
            }
        } finally {
            closeAtOnce(consumer);
        }
        return entries;
    }

    /**
     * How many committed records the topics hold now, read from the beginning as raw bytes: for a caller that compares
     * counts (a consumer's progress) and has no use for the values, so nothing is decoded.
     */
    public static long countCommitted(Collection<String> topics, Map<String, Object> clientConfigs, Duration timeout) {
        long[] records = {0};
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfigs(clientConfigs), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            boolean reachedEnds = readToEnds(consumer, topics, timeout, batch -> records[0] += batch.count(), e -> {
                throw e;
            });
            if (!reachedEnds) {
                throw new IllegalStateException("could not read " + topics + " to their ends within " + timeout.toSeconds() + " s");
            }
        } finally {
            closeAtOnce(consumer);
        }
        return records[0];
    }

    /** A group-less {@code read_committed} reader that commits nothing: reading a log must leave no trace in it. */
    private static Map<String, Object> readerConfigs(Map<String, Object> clientConfigs) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return configs;
    }

    /**
     * Polls every partition of the topics from the beginning until each position reaches the end offset it had when
     * the read began, handing each batch to {@code onBatch}. Returns false when the timeout ran out first.
     */
    private static <K, V> boolean readToEnds(KafkaConsumer<K, V> consumer, Collection<String> topics, Duration timeout,
            Consumer<ConsumerRecords<K, V>> onBatch, Consumer<RecordDeserializationException> onUnreadable) {
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition()))).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                onBatch.accept(consumer.poll(POLL));
            } catch (RecordDeserializationException e) {
                onUnreadable.accept(e);
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
        return true;
    }
}
