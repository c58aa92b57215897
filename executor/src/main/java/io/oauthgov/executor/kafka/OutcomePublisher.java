package io.oauthgov.executor.kafka;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.executor.work.Step;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes what the executor did in Kafka transactions: outcomes, quarantine entries and their ends, risk events
 * and rejections commit together with the consumed offsets they answer, or not at all. A crash between the API call
 * and the commit therefore re-delivers the approval, and the live re-read turns the repeat into a safe answer.
 */
public final class OutcomePublisher implements AutoCloseable {
    /**
     * An instance killed in the middle of a transaction leaves it open, and until the coordinator aborts it the
     * partitions' next owner cannot read their committed offsets (they stay unstable) and read_committed readers of the
     * outcomes stop at it: a takeover by another instance (its own transactional id) waits this long. The executor's
     * transactions last milliseconds (begun and committed in one call), so Kafka Streams' 10 s suits them too, not the
     * producer's default minute.
     */
    static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private final Topics topics;
    private final TransactionalPublisher producer;

    public OutcomePublisher(Topics topics, Map<String, Object> clientConfigs, String transactionalId) {
        this.topics = topics;
        // an intent's commit is what a waiting PUT or DELETE waits for: send at once
        this.producer = TransactionalPublisher.open("executor", clientConfigs, transactionalId, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS));
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
        producer.inTransaction(() -> {
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
                    send(topics.riskOcsf(), key, step.risk()); // the SIEM feed carries every risk event
                }
            }
            for (Refusal refusal : rejections) {
                send(topics.rejected(), refusal.key(), refusal.rejection());
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsets(offsets, group);
            }
        });
    }

    private <K extends SpecificRecord, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value) {
        producer.send(topic, key, value);
    }

    @Override
    public void close() {
        producer.close();
    }
}
