package io.oauthgov.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then Avro binary.
 * Kept byte-identical so Confluent's own serdes, connectors and ksqlDB read what oauthgov writes.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    public static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** Reads the schema id, refusing anything that is not Confluent-framed Avro. */
    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new SerializationException("Not Confluent-framed Avro: " + framed.length + " bytes is shorter than the 5-byte header");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException("Not Confluent-framed Avro: unknown magic byte " + framed[0]);
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
