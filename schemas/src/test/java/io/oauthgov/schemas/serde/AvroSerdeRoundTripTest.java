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
    void oneSerializerRegistersUnderEachTopicsSubjectAndFramesEachTopicsTypeWithItsOwnId() {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<SpecificRecord>(registry, true, true);
        var orgKey = new io.oauthgov.avro.OrgKey("org-1");

        byte[] client = serializer.serialize("first", SampleRecords.clientKey());
        byte[] org = serializer.serialize("orgs", orgKey);
        serializer.serialize("second", SampleRecords.clientKey());
        byte[] clientAgain = serializer.serialize(new String("first"), SampleRecords.clientKey()); // equal, not identical

        assertThat(registry.idOf("first-key", SampleRecords.clientKey().getSchema())).hasValue(WireFormat.schemaId(client));
        assertThat(registry.idOf("orgs-key", orgKey.getSchema())).hasValue(WireFormat.schemaId(org));
        assertThat(registry.idOf("second-key", SampleRecords.clientKey().getSchema())).isPresent();
        assertThat(WireFormat.schemaId(org)).isNotEqualTo(WireFormat.schemaId(client));
        assertThat(clientAgain).isEqualTo(client);
    }

    @Test
    void aSerializerAndDeserializerSharedByThreadsWriteAndReadEveryRecordIntact() throws Exception {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<SpecificRecord>(registry, false, true);
        var deserializer = new AvroDeserializer<SpecificRecord>(registry, null);
        Map<Class<? extends SpecificRecord>, SpecificRecord> samples = SampleRecords.everyType();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var checks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int thread = 0; thread < 4; thread++) {
                checks.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        samples.forEach((type, record) -> {
                            String topic = "shared-" + type.getSimpleName(); // one type per subject, as in the catalog
                            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, record))).isEqualTo(record);
                        });
                    }
                }));
            }
            for (var check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
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
