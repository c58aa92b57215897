package io.oauthgov.schemas.serde;

import io.oauthgov.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a specific record, resolving the writer schema by id and projecting it onto
 * the reader's own schema, so records written by an older (BACKWARD compatible) schema still read. With no
 * target type configured, the class is found from the writer schema's full name.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private SchemaRegistry registry;
    private Class<T> targetType;
    private final Map<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();
    /** One decoder per thread, re-pointed at each record: a deserializer instance is shared by every stream thread. */
    private static final ThreadLocal<BinaryDecoder[]> DECODERS = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);

    /** For configuration by class name; {@link #configure} supplies the registry and optionally the type. */
    public AvroDeserializer() {}

    public AvroDeserializer(SchemaRegistry registry, Class<T> targetType) {
        this.registry = registry;
        this.targetType = targetType;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.registry = config.registry();
        this.targetType = (Class<T>) config.targetType(isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("AvroDeserializer is not configured: set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int schemaId = WireFormat.schemaId(data);
        try {
            DatumReader<T> reader = readersBySchemaId.get(schemaId);
            if (reader == null) {
                reader = readersBySchemaId.computeIfAbsent(schemaId, this::readerFor);
            }
            BinaryDecoder[] decoder = DECODERS.get();
            decoder[0] = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, decoder[0]);
            return reader.read(null, decoder[0]);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize schema id " + schemaId + " from topic " + topic + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private DatumReader<T> readerFor(int schemaId) {
        Schema writer = registry.schemaById(schemaId);
        Schema reader = targetType != null ? SpecificData.get().getSchema(targetType) : readerSchemaFor(writer);
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }

    private static Schema readerSchemaFor(Schema writer) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null) {
            throw new SerializationException("No generated class for writer schema " + writer.getFullName()
                    + "; configure " + AvroSerdeConfig.KEY_TYPE + " / " + AvroSerdeConfig.VALUE_TYPE);
        }
        return SpecificData.get().getSchema(type);
    }
}
