package io.oauthgov.schemas.serde;

import io.oauthgov.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a specific Avro record in the Confluent wire format, registering its schema under the topic's subject
 * the first time (or only looking it up when auto-registration is off, as production registries often demand).
 * Null stays null so tombstones pass through.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistry registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<String, Integer> schemaIdBySubject = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For configuration by class name; {@link #configure} supplies the registry. */
    public AvroSerializer() {}

    public AvroSerializer(SchemaRegistry registry, boolean isKey, boolean autoRegister) {
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.registry = config.registry();
        this.autoRegister = config.autoRegister();
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("AvroSerializer is not configured: set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = record.getSchema();
        int schemaId = schemaIdBySubject.computeIfAbsent(SubjectNaming.subject(topic, isKey) + '\u0000' + schema.getFullName(),
                k -> resolveId(topic, schema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_LENGTH);
            WireFormat.writeHeader(header, schemaId);
            out.write(header.array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s))).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // The message names the type and topic only: record contents never reach logs through exceptions.
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private int resolveId(String topic, Schema schema) {
        String subject = SubjectNaming.subject(topic, isKey);
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        return registry.idOf(subject, schema).orElseThrow(() -> new SerializationException(
                "Schema " + schema.getFullName() + " is not registered under subject " + subject
                        + " and auto.register.schemas is false"));
    }
}
