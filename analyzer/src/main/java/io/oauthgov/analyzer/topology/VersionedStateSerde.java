package io.oauthgov.analyzer.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Function;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A state-store value as one format-version byte followed by Avro binary of the value's state schema
 * ({@code schemas/src/main/avro/state}, held to BACKWARD compatibility by SchemaEvolutionTest). The changelog is
 * internal to the analyzer, so no registry id is written: the version byte says which schema wrote the rest.
 *
 * <p>Values written before this format, JSON objects (first byte {@code '{'}), are still read, so an analyzer
 * upgraded in place keeps its stores and changelogs; each such value is rewritten in binary the next time it
 * changes. Drop the JSON reader one release after every deployment has run this one.
 *
 * <p>When a state schema changes: bump {@link #VERSION}, keep the previous schema as the writer schema of the old
 * version byte, and resolve old values with it.
 *
 * @param <T> the value as the analyzer uses it
 * @param <A> its generated Avro state record
 */
final class VersionedStateSerde<T, A extends SpecificRecordBase> implements Serde<T> {
    /** The format of values written now: Avro binary of the current state schema. */
    static final byte VERSION = 1;
    /** The first byte of a value written before the binary format: a JSON object. */
    static final byte LEGACY_JSON = '{';

    /** One output buffer and encoder per thread: a store's serde is shared by every stream thread's tasks. */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);
    private static final ThreadLocal<BinaryDecoder[]> DECODERS = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);

    private final Class<T> type;
    private final Function<T, A> toState;
    private final Function<A, T> fromState;
    private final DatumWriter<A> writer;
    private final DatumReader<A> reader;
    private final Deserializer<T> legacy;

    private static final class Buffer extends ByteArrayOutputStream {
        static final int KEPT_CAPACITY = 1 << 20;
        BinaryEncoder encoder;

        Buffer() {
            super(256);
        }

        int capacity() {
            return buf.length;
        }
    }

    VersionedStateSerde(Class<T> type, Class<A> stateType, Function<T, A> toState, Function<A, T> fromState) {
        this.type = type;
        this.toState = toState;
        this.fromState = fromState;
        // The generated classes' own encode/decode (no per-field resolution): Avro leaves them off by default. The
        // state schemas have no logical types, so a plain model needs no conversions.
        SpecificData model = new SpecificData(stateType.getClassLoader());
        model.setCustomCoders(true);
        this.writer = new SpecificDatumWriter<>(model.getSchema(stateType), model);
        this.reader = new SpecificDatumReader<>(model.getSchema(stateType), model.getSchema(stateType), model);
        this.legacy = new JsonSerde<>(type).deserializer();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(T value) {
        Buffer buffer = BUFFERS.get();
        try {
            buffer.reset();
            buffer.write(VERSION);
            buffer.encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder); // buffered: the stream is written in blocks, not per byte
            writer.write(toState.apply(value), buffer.encoder);
            buffer.encoder.flush();
            byte[] bytes = buffer.toByteArray();
            if (buffer.capacity() > Buffer.KEPT_CAPACITY) {
                BUFFERS.remove();
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " state: " + e.getClass().getSimpleName(), e);
        }
    }

    private T read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("empty " + type.getSimpleName() + " state value");
        }
        if (bytes[0] == LEGACY_JSON) {
            return legacy.deserialize(null, bytes);
        }
        if (bytes[0] != VERSION) {
            throw new SerializationException(type.getSimpleName() + " state value has format version " + bytes[0]
                    + "; this analyzer reads version " + VERSION + " and JSON. Was it written by a newer analyzer?"
                    + " Roll back to that version, or reset the analyzer's state");
        }
        try {
            BinaryDecoder[] decoder = DECODERS.get();
            decoder[0] = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, decoder[0]);
            return fromState.apply(reader.read(null, decoder[0]));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " state: " + e.getClass().getSimpleName(), e);
        }
    }
}
