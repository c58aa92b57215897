package io.oauthgov.bench.analyzer;

import io.oauthgov.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Fills a catalog topic before a stage is started on it, with the catalog's own serdes (Avro in the Confluent
 * wire format) and the same producer settings as the raw measurement. Loading is never part of a measured time.
 */
final class TopicLoader implements AutoCloseable {
    private final Map<String, Object> configs;
    private final Map<Topic<?, ?>, KafkaProducer<?, ?>> producers = new HashMap<>();

    TopicLoader(Map<String, Object> clientConfigs) {
        this.configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        configs.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000); // a stuck load fails in a minute, not two
    }

    /** Sends {@code count} records made by {@code record} (null entries are skipped) and waits for every ack. */
    <K extends SpecificRecord, V extends SpecificRecord> long load(Topic<K, V> topic, int count, IntFunction<Entry<K, V>> record) {
        KafkaProducer<K, V> producer = producer(topic);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> first = new AtomicReference<>();
        long sent = 0;
        for (int i = 0; i < count; i++) {
            Entry<K, V> entry = record.apply(i);
            if (entry == null) {
                continue;
            }
            producer.send(new ProducerRecord<>(topic.name(), entry.key(), entry.value()), (metadata, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    first.compareAndSet(null, e);
                }
            });
            sent++;
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records to " + topic.name() + " failed", first.get());
        }
        return sent;
    }

    /**
     * Sends one record to every partition of the topic, as org-wide records (coverage, registry import markers) are
     * published, so every analyzer task sees it; {@code record} gets the partition.
     */
    <K extends SpecificRecord, V extends SpecificRecord> long loadToEveryPartition(Topic<K, V> topic, K key, IntFunction<V> record) {
        KafkaProducer<K, V> producer = producer(topic);
        int partitions = producer.partitionsFor(topic.name()).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(), partition, key, record.apply(partition))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("an org-wide record to " + topic.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + topic.name(), e);
        }
        return partitions;
    }

    record Entry<K, V>(K key, V value) {}

    @SuppressWarnings("unchecked")
    private <K extends SpecificRecord, V extends SpecificRecord> KafkaProducer<K, V> producer(Topic<K, V> topic) {
        return (KafkaProducer<K, V>) producers.computeIfAbsent(topic, t -> new KafkaProducer<>(configs,
                topic.keySerde().serializer(), topic.valueSerde().serializer()));
    }

    @Override
    public void close() {
        producers.values().forEach(KafkaProducer::close);
    }
}
