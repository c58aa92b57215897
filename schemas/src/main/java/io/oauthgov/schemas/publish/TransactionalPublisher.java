package io.oauthgov.schemas.publish;

import io.oauthgov.schemas.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Every stage's way to write to Kafka: one byte-level producer for all topics (each record serialized with its
 * topic's serdes), idempotent with {@code acks=all}, and, for the stages that need atomicity, transactions with one
 * meaning of failure everywhere — a fenced producer (a newer instance with the same transactional id) stops the
 * stage, any other failure aborts the transaction and is rethrown. The stage's own class says what goes into a
 * transaction; this one says how it is made safe.
 */
public final class TransactionalPublisher implements AutoCloseable {
    /**
     * A producer whose commit or abort timed out (the cluster is gone) keeps retrying the abort on close, for ever by
     * default. Nothing uncommitted is lost by giving up: the coordinator aborts it after the transaction timeout and
     * the next instance with the same transactional id fences it. So close waits this long, then stops.
     */
    private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final String stage;
    private final KafkaProducer<byte[], byte[]> producer;

    private TransactionalPublisher(String stage, KafkaProducer<byte[], byte[]> producer) {
        this.stage = stage;
        this.producer = producer;
    }

    /** A transactional publisher; a second one with the same id fences this one. */
    public static TransactionalPublisher open(String stage, Map<String, Object> clientConfigs, String transactionalId,
                                              Map<String, Object> tuning) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        tuning.forEach(configs::putIfAbsent);
        configs.putAll(safety());
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return new TransactionalPublisher(stage, producer);
    }

    /**
     * Settings every producer of the pipeline runs with, transactional or not, which no client override may weaken:
     * no duplicates on retry, a write counts only when every in-sync replica has it.
     */
    public static Map<String, Object> safety() {
        return Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
    }

    /**
     * The client settings plus {@link #safety()} and one request in flight, for a command's plain (non-transactional)
     * producer. KAFKA-15591 (fixed after 4.3): on a partition the broker is still creating, a second in-flight request
     * can overtake a first one refused NOT_LEADER_OR_FOLLOWER; the first then fails OutOfOrderSequence until its
     * delivery timeout and its records are lost (a fresh audit broker hit it on a registry import). These producers
     * send a run's worth of records once, so ordering costs nothing that matters.
     */
    public static Map<String, Object> safeProducerConfigs(Map<String, Object> clientConfigs) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.putAll(safety());
        configs.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return configs;
    }

    /** Runs {@code sends} in one transaction: all of it commits, or none of it. */
    public void inTransaction(Runnable sends) {
        producer.beginTransaction();
        try {
            sends.run();
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            // Another instance with the same transactional id took over: this one must stop, not retry.
            throw new IllegalStateException(stage + " fenced by a newer instance with the same transactional id", e);
        } catch (KafkaException | IllegalStateException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    public <K extends SpecificRecord, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value) {
        producer.send(topic.record(key, value));
    }

    /** A record already serialized, to an explicit partition (e.g. one copy per partition). */
    public void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record);
    }

    /** Inside a transaction: the consumer offsets it completes commit with it. */
    public void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer.sendOffsetsToTransaction(offsets, group);
    }

    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
