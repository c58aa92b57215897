package io.oauthgov.cli.registry;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.schemas.topics.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes integration records to the compacted registry topic with an idempotent, acks=all producer. */
public final class RegistryPublisher {
    private RegistryPublisher() {}

    public static void publish(Topic<ClientKey, IntegrationRecord> topic, Map<String, Object> clientConfigs, List<IntegrationRecord> records) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(configs, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (IntegrationRecord record : records) {
                producer.send(new ProducerRecord<>(topic.name(), new ClientKey(record.getOrgId(), record.getClientId()), record));
            }
            producer.flush();
        }
    }
}
