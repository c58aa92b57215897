package io.oauthgov.cli.registry;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.schemas.topics.Topic;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.topics.OrgWide;
import java.util.Map;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes integration records to the compacted registry topic with an idempotent, acks=all producer, then each
 * imported org's {@code IMPORT_MARKER} on every partition: records and markers share a producer, so on each
 * partition the marker follows the records of that import, and an analyzer task that sees the marker has seen them.
 */
public final class RegistryPublisher {
    private RegistryPublisher() {}

    public static void publish(Topic<ClientKey, IntegrationRecord> topic, Map<String, Object> clientConfigs,
                               List<IntegrationRecord> records, Collection<String> importedOrgs, String source, Instant at) {
        Map<String, Object> configs = TransactionalPublisher.safeProducerConfigs(clientConfigs);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(configs, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (IntegrationRecord record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), new ClientKey(record.getOrgId(), record.getClientId()), record)));
            }
            int partitions = producer.partitionsFor(topic.name()).size();
            for (String org : new TreeSet<>(importedOrgs)) {
                IntegrationRecord marker = marker(org, source, at);
                for (int partition = 0; partition < partitions; partition++) {
                    sent.add(producer.send(new ProducerRecord<>(topic.name(), partition, OrgWide.key(org), marker)));
                }
            }
            producer.flush();
            awaitAll(sent, topic.name());
        }
    }

    /** A record the broker never took must fail the import: a lost marker or protection would go unnoticed otherwise. */
    private static void awaitAll(List<Future<RecordMetadata>> sent, String topic) {
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the registry import was not fully written to " + topic + ": "
                    + e.getCause().getMessage() + "; run it again (records already written are overwritten with the same values)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the registry import to " + topic, e);
        }
    }

    /** The org's registry is known from {@code at} on: an absent entry now means unowned, not "not imported yet". */
    public static IntegrationRecord marker(String orgId, String source, Instant at) {
        return IntegrationRecord.newBuilder().setOrgId(orgId).setClientId(OrgWide.CLIENT_ID).setOwner("").setSystem("")
                .setUpdatedAt(at).setSource(source).setRecordType(IntegrationRecordType.IMPORT_MARKER).build();
    }

    /** An explicit removal of a client's entry (its protection ends), kept on the topic as history. */
    public static IntegrationRecord removal(IntegrationRecord before, String source, Instant at) {
        return IntegrationRecord.newBuilder(before).setUpdatedAt(at).setSource(source).setProtected$(false)
                .setRecordType(IntegrationRecordType.REMOVAL).build();
    }
}
