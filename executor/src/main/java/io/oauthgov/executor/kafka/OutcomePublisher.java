package io.oauthgov.executor.kafka;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.executor.work.Step;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes what the executor did in Kafka transactions: outcomes, quarantine entries and their ends, risk events
 * and rejections commit together with the consumed offsets they answer, or not at all. A crash between the API call
 * and the commit therefore re-delivers the approval, and the live re-read turns the repeat into a safe answer.
 */
public final class OutcomePublisher implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;

    public OutcomePublisher(Topics topics, Map<String, Object> clientConfigs, String transactionalId) {
        this.topics = topics;
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /**
     * One transaction: every intent, step and rejection, plus the consumer offsets they complete. Intents (quarantine
     * entries in phase DEACTIVATING or DELETING) go first: the lane that asked for one waits for this commit before
     * its PUT or DELETE leaves.
     */
    public void commit(List<QuarantineEntry> intents, List<Step> steps, List<Refusal> rejections,
                       Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        if (intents.isEmpty() && steps.isEmpty() && rejections.isEmpty() && offsets.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        try {
            for (QuarantineEntry intent : intents) {
                send(topics.quarantine(), new ClientKey(intent.getOrgId(), intent.getClientId()), intent);
            }
            for (Step step : steps) {
                ClientKey key = step.clientKey();
                if (step.outcome() != null) {
                    send(topics.outcomes(), key, step.outcome());
                }
                if (step.refusal() != null) {
                    send(topics.rejected(), step.refusal().key(), step.refusal().rejection());
                }
                switch (step.quarantine()) {
                    case START -> send(topics.quarantine(), key, step.started());
                    case END -> send(topics.quarantine(), key, null);
                    case NONE -> { }
                }
                if (step.risk() != null) {
                    send(topics.risk(), key, step.risk());
                }
            }
            for (Refusal refusal : rejections) {
                send(topics.rejected(), refusal.key(), refusal.rejection());
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new IllegalStateException("Executor fenced by a newer instance with the same transactional id", e);
        } catch (KafkaException | IllegalStateException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    private <K extends SpecificRecord, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value) {
        producer.send(topic.record(key, value));
    }

    @Override
    public void close() {
        producer.close();
    }
}
