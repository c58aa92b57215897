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
    private final Map<TopicSchema, Prepared> prepared = new ConcurrentHashMap<>();
    /** The pair used last; immutable, so a racing thread sees a whole one or another. */
    private volatile Prepared last;

    /** One output buffer and encoder per thread: a serializer instance is shared by every stream thread. */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private record TopicSchema(String topic, Schema schema) {}

    /** What writing one type to one topic needs, resolved once: the framed header with its schema id, the writer. */
    private record Prepared(String topic, Schema schema, byte[] header, DatumWriter<SpecificRecord> writer) {}

    /** A reusable output stream that keeps its encoder beside it. */
    private static final class Buffer extends ByteArrayOutputStream {
        static final int KEPT_CAPACITY = 1 << 20;
        BinaryEncoder encoder;

        Buffer() {
            super(512);
        }

        int capacity() {
            return buf.length;
        }
    }

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
        Prepared prepared = prepared(topic, schema);
        Buffer buffer = BUFFERS.get();
        try {
            buffer.reset();
            buffer.write(prepared.header, 0, WireFormat.HEADER_LENGTH);
            // buffered: a direct encoder writes byte by byte into the (synchronized) stream; this one in blocks
            buffer.encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
            prepared.writer.write(record, buffer.encoder);
            buffer.encoder.flush();
            byte[] framed = buffer.toByteArray();
            if (buffer.capacity() > Buffer.KEPT_CAPACITY) {
                BUFFERS.remove(); // one huge record (an org's roles) must not pin its buffer to the thread
            }
            return framed;
        } catch (IOException | RuntimeException e) {
            // The message names the type and topic only: record contents never reach logs through exceptions.
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The schema id and writer for a topic and schema. A serializer almost always writes one type to one topic, so the
     * last pair is kept and recognised by identity: no subject string is built and no map is hashed per record.
     */
    private Prepared prepared(String topic, Schema schema) {
        Prepared last = this.last;
        if (last != null && last.topic == topic && last.schema == schema) {
            return last;
        }
        Prepared found = prepared.computeIfAbsent(new TopicSchema(topic, schema), k -> {
            byte[] header = ByteBuffer.allocate(WireFormat.HEADER_LENGTH).put(WireFormat.MAGIC_BYTE)
                    .putInt(resolveId(topic, schema)).array();
            return new Prepared(topic, schema, header, new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema)));
        });
        this.last = found;
        return found;
    }

    private int resolveId(String topic, Schema schema) {
        // Registered or looked up once per topic and schema, then cached with its writer.
        String subject = SubjectNaming.subject(topic, isKey);
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        return registry.idOf(subject, schema).orElseThrow(() -> new SerializationException(
                "Schema " + schema.getFullName() + " is not registered under subject " + subject
                        + " and auto.register.schemas is false"));
    }
}
