package io.oauthgov.schemas.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RecordPart;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A rejected unreadable record says which part failed, the schema id it found and the subject it expected. */
class UnreadableRecordTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Topics topics = Topics.bind(SerdeFactory.avro(registry));
    private final Topic<ClientKey, IntegrationRecord> integrations = topics.integrations();
    private final byte[] goodKey = integrations.keySerde().serializer().serialize(integrations.name(), new ClientKey("org-1", "c-1"));

    @Test
    void jsonValueIsTheValueWithoutAHeaderAndItsFirstBytes() {
        byte[] json = "{\"owner\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        UnreadableRecord found = diagnose(goodKey, json);

        assertThat(found.part()).isEqualTo(RecordPart.VALUE);
        assertThat(found.foundSchemaId()).isNull();
        assertThat(found.expectedSubject()).isEqualTo("governance.integrations-value");
        assertThat(found.problem()).contains("cannot read the value", "no Confluent header", "'{\"owner\":\"x\"}'",
                "governance.integrations-value", "unknown magic byte 123");
    }

    @Test
    void keyWrittenWithAnotherTopicsSchemaNamesTheIdItCarries() {
        byte[] orgKey = topics.snapshots().keySerde().serializer().serialize(topics.snapshots().name(), new OrgKey("org-1"));
        int orgKeyId = registry.idOf("genesys.oauth.snapshots-key", OrgKey.getClassSchema()).orElseThrow();

        UnreadableRecord found = diagnose(orgKey, null);

        assertThat(found.part()).isEqualTo(RecordPart.KEY);
        assertThat(found.foundSchemaId()).isEqualTo(orgKeyId);
        assertThat(found.expectedSubject()).isEqualTo("governance.integrations-key");
        assertThat(found.problem()).contains("cannot read the key: schema id " + orgKeyId);
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] unknownId = {0, 0, 0, 0, 0x7f, 0x1, 0x2};

        UnreadableRecord found = diagnose(goodKey, unknownId);

        assertThat(found.part()).isEqualTo(RecordPart.VALUE);
        assertThat(found.foundSchemaId()).isEqualTo(127);
        assertThat(found.problem()).contains("schema id 127", "not found");
    }

    @Test
    void rejectionCarriesTheDiagnosisAndTheSourcePosition() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        RejectionFactory.Source source = new RejectionFactory.Source(integrations.name(), 3, 41L);

        Rejection rejection = RejectionFactory.unreadable(Stage.ANALYZER, source, goodKey, json, diagnose(goodKey, json), Instant.EPOCH);

        assertThat(rejection.getReason()).isEqualTo(RejectionReason.DESERIALIZATION_FAILED);
        assertThat(rejection.getUnreadablePart()).isEqualTo(RecordPart.VALUE);
        assertThat(rejection.getExpectedSubject()).isEqualTo("governance.integrations-value");
        assertThat(rejection.getDetail()).startsWith("cannot deserialize record governance.integrations-3@41: cannot read the value");
        assertThat(rejection.getSourceOffset()).isEqualTo(41L);
    }

    private UnreadableRecord diagnose(byte[] key, byte[] value) {
        return UnreadableRecord.diagnose(integrations.name(), key, value, integrations.keySerde().deserializer(),
                integrations.valueSerde().deserializer(), new SerializationException("first attempt"));
    }
}
