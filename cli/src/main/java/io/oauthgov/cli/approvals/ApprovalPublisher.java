package io.oauthgov.cli.approvals;

import io.oauthgov.avro.Approval;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes approvals to the approvals topic, keyed by {@code {orgId, clientId}} like the candidate they decide, so
 * the gate finds an approval on the same partition as its candidate. Idempotent and acks=all: a retried send
 * neither duplicates nor loses a decision.
 */
public final class ApprovalPublisher {
    private ApprovalPublisher() {}

    /**
     * Returns once every approval is acknowledged by all in-sync replicas; throws on the first that is not, so a
     * caller never reports a decision as published when it was not.
     */
    public static void publish(Topic<ClientKey, Approval> topic, Map<String, Object> clientConfigs, List<Approval> approvals) {
        Map<String, Object> configs = TransactionalPublisher.safeProducerConfigs(clientConfigs);
        try (var producer = new KafkaProducer<>(configs, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Approval approval : approvals) {
                ClientKey key = new ClientKey(approval.getOrgId(), approval.getClientId());
                sends.add(producer.send(new ProducerRecord<>(topic.name(), key, approval)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing approvals to " + topic.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing approvals to " + topic.name(), e);
        }
    }

    /**
     * One approval through a long-lived byte-level producer (a server publishing one decision per request), keyed as
     * {@link #publish} keys them; returns once it is acknowledged.
     */
    public static void send(KafkaProducer<byte[], byte[]> producer, Topic<ClientKey, Approval> topic, Approval approval) {
        try {
            producer.send(topic.record(new ClientKey(approval.getOrgId(), approval.getClientId()), approval)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing an approval to " + topic.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing an approval to " + topic.name(), e);
        }
    }
}
