package io.oauthgov.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.schemas.SampleRecords;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistry;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Pins the exact bytes: if these change, Confluent serdes, connectors and earlier oauthgov versions break. */
class WireFormatTest {

    /** A registry that answers every schema with id 7, so the header bytes are known in advance. */
    private static final SchemaRegistry ID_SEVEN = new SchemaRegistry() {
        @Override public int register(String subject, Schema schema) { return 7; }
        @Override public OptionalInt idOf(String subject, Schema schema) { return OptionalInt.of(7); }
        @Override public Schema schemaById(int id) { return ClientKey.getClassSchema(); }
        @Override public boolean isCompatible(String subject, Schema schema) { return true; }
        @Override public Optional<RegisteredSchema> latest(String subject) { return Optional.empty(); }
        @Override public List<String> subjects() { return List.of(); }
    };

    @Test
    void clientKeyIsMagicByteThenBigEndianSchemaIdThenAvroBinary() {
        var serializer = new AvroSerializer<ClientKey>(ID_SEVEN, true, true);

        byte[] bytes = serializer.serialize("genesys.oauth.clients", new ClientKey("org-1", "c-1"));

        // 00 | 00 00 00 07 | len 5 zigzag=0x0a "org-1" | len 3 zigzag=0x06 "c-1"
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00" + "00000007" + "0a" + "6f72672d31" + "06" + "632d31");
    }

    @Test
    void schemaIdAbove255IsWrittenBigEndian() {
        var registry = new InMemorySchemaRegistry();
        for (int i = 0; i < 299; i++) {
            registry.register("filler-" + i, Schema.createRecord("Filler" + i, null, "x", false, List.of()));
        }
        var serializer = new AvroSerializer<OrgKey>(registry, true, true);

        byte[] bytes = serializer.serialize("genesys.oauth.snapshots", new OrgKey("o"));

        assertThat(HexFormat.of().formatHex(bytes, 0, 5)).as("schema id 300 = 0x0000012c").isEqualTo("000000012c");
    }

    @Test
    void bytesDecodeWithPlainAvroAfterSkippingTheFiveByteHeader() throws Exception {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<io.oauthgov.avro.OAuthClientSnapshot>(registry, false, true);

        byte[] bytes = serializer.serialize("genesys.oauth.clients", SampleRecords.snapshot());

        int id = WireFormat.schemaId(bytes);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(registry.schemaById(id))
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("name").toString()).isEqualTo("Payroll export");
        assertThat(decoded.get("observedAt")).as("timestamp-millis on the wire").isEqualTo(SampleRecords.T0.toEpochMilli());
        assertThat(registry.subjects()).containsExactly("genesys.oauth.clients-value");
    }

    @Test
    void refusesBytesWithoutTheMagicByte() {
        var deserializer = new AvroDeserializer<>(ID_SEVEN, ClientKey.class);

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {1, 0, 0, 0, 7, 2, 'a'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 1");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte header");
    }

    @Test
    void tombstonesStayNull() {
        assertThat(new AvroSerializer<ClientKey>(ID_SEVEN, false, true).serialize("t", null)).isNull();
        assertThat(new AvroDeserializer<>(ID_SEVEN, ClientKey.class).deserialize("t", null)).isNull();
    }
}
