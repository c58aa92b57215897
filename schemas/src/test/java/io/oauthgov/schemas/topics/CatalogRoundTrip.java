package io.oauthgov.schemas.topics;

import io.oauthgov.avro.RiskEvent;
import io.oauthgov.schemas.SampleRecords;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.siem.OcsfDetectionFinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Creates every catalog topic on a real cluster, produces one sample record of the topic's value type through
 * the catalog's serdes (keyed by a sample key), and reads everything back. Shared by the embedded-broker test
 * and the Testcontainers test so both prove the same thing.
 */
final class CatalogRoundTrip {
    record Sent(SpecificRecord key, SpecificRecord value) {}

    private CatalogRoundTrip() {}

    static Map<String, Sent> samples() {
        Map<Class<? extends SpecificRecord>, SpecificRecord> every = SampleRecords.everyType();
        Map<String, Sent> samples = new HashMap<>();
        TopicCatalog.ALL.forEach(t -> samples.put(t.name(), new Sent(every.get(t.keyType()), every.get(t.valueType()))));
        return samples;
    }

    static List<TopicProvisioner.TopicState> createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, Sent> produceAndConsumeEveryType(String bootstrapServers, String registryUrl) {
        Topics topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(registryUrl)));
        Map<String, Sent> samples = samples();

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        for (Topic topic : topics.all()) {
            Sent sample = samples.get(topic.name());
            try (var producer = new KafkaProducer(producerConfig, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord(topic.name(), sample.key(), sample.value())).get();
            } catch (Exception e) {
                throw new AssertionError("producing to " + topic.name() + " failed", e);
            }
        }

        Map<String, Sent> received = new HashMap<>();
        for (Topic topic : topics.all()) {
            Map<String, Object> consumerConfig = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + topic.name(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // A JSON topic is read as text: it came back whole when it is the sample's rendering.
            boolean json = topic.spec().valueFormat() == ValueFormat.OCSF_JSON;
            Sent sample = samples.get(topic.name());
            Deserializer values = json ? new StringDeserializer() : topic.valueSerde().deserializer();
            try (var consumer = new KafkaConsumer(consumerConfig, topic.keySerde().deserializer(), values)) {
                consumer.subscribe(List.of(topic.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                List<Sent> got = new ArrayList<>();
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    for (Object polled : consumer.poll(Duration.ofMillis(200))) {
                        var r = (org.apache.kafka.clients.consumer.ConsumerRecord) polled;
                        SpecificRecord value = !json ? (SpecificRecord) r.value()
                                : OcsfDetectionFinding.toJson((RiskEvent) sample.value()).equals(r.value()) ? sample.value() : null;
                        got.add(new Sent((SpecificRecord) r.key(), value));
                    }
                }
                if (!got.isEmpty()) {
                    received.put(topic.name(), got.get(0));
                }
            }
        }
        return received;
    }
}
