package io.oauthgov.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.schemas.SampleRecords;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.SerdeFactory;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeRoundTripTest {

    @Test
    void everyCatalogTypeSurvivesARoundTripUnchanged() {
        var factory = SerdeFactory.avro(new InMemorySchemaRegistry());

        SampleRecords.everyType().forEach((type, record) -> assertThat(roundTrip(factory, type, record))
                .as(type.getSimpleName()).isEqualTo(record));
    }

    @Test
    void serdeConfiguredByClassNameAndUrlReadsWhatTheInstanceSerdeWrote() throws Exception {
        var registry = new InMemorySchemaRegistry();
        try (var server = SchemaRegistryServer.start(registry, 0)) {
            byte[] bytes = new AvroSerializer<ClientKey>(registry, true, true).serialize("topic", SampleRecords.clientKey());

            var configured = new AvroDeserializer<ClientKey>();
            configured.configure(Map.of("schema.registry.url", server.url()), true);

            assertThat(configured.deserialize("topic", bytes)).as("type resolved from the writer schema's name")
                    .isEqualTo(SampleRecords.clientKey());
        }
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedWithItsSubject() {
        var serializer = new AvroSerializer<ClientKey>(new InMemorySchemaRegistry(), true, false);

        assertThatThrownBy(() -> serializer.serialize("governance.risk", SampleRecords.clientKey()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("governance.risk-key");
    }

    @Test
    void missingRegistryUrlIsAConfigErrorNamingTheSetting() {
        assertThatThrownBy(() -> new AvroSerde<ClientKey>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void serdeClassIsPluggableByNameAndConfiguredWithTheTargetType() {
        var factory = SerdeFactory.fromConfig(Map.of(SerdeFactory.SERDE_CLASS, RecordingSerde.class.getName(),
                "schema.registry.url", "http://registry.test:8081"));

        var serde = factory.serde(ClientKey.class, true);

        assertThat(serde).isInstanceOf(RecordingSerde.class);
        var recording = (RecordingSerde) (Object) serde;
        assertThat(recording.isKey).isTrue();
        assertThat(recording.configs).containsEntry("schema.registry.url", "http://registry.test:8081")
                .containsEntry("oauthgov.avro.key.type", ClientKey.class)
                .containsEntry("specific.avro.reader", "true");
    }

    /** Stands in for a third-party serde (e.g. Confluent's SpecificAvroSerde) named in configuration. */
    public static final class RecordingSerde implements org.apache.kafka.common.serialization.Serde<Object> {
        Map<String, Object> configs;
        boolean isKey;

        @Override public void configure(Map<String, ?> configs, boolean isKey) { this.configs = new java.util.HashMap<>(configs); this.isKey = isKey; }
        @Override public org.apache.kafka.common.serialization.Serializer<Object> serializer() { return (t, d) -> null; }
        @Override public org.apache.kafka.common.serialization.Deserializer<Object> deserializer() { return (t, d) -> null; }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object roundTrip(SerdeFactory factory, Class type, SpecificRecord record) {
        var serde = factory.serde(type, false);
        String topic = "round-trip." + type.getSimpleName(); // one subject per type, as the catalog has
        return serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record));
    }
}
