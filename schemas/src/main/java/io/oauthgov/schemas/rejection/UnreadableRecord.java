package io.oauthgov.schemas.rejection;

import io.oauthgov.avro.RecordPart;
import io.oauthgov.schemas.serde.SubjectNaming;
import io.oauthgov.schemas.serde.WireFormat;
import io.oauthgov.schemas.topics.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What exactly could not be read in a record: the key or the value, the schema id its Confluent header names (or what
 * the bytes start with when there is no header), and the subject it should have been written under. Found by reading
 * the key, then the value, with the topic's own deserializers, so a rejection says more than "unknown magic byte 106".
 *
 * @param part the part that failed; null when both read (the failure was elsewhere)
 * @param foundSchemaId the schema id in that part's header, null without a Confluent header
 * @param expectedSubject {@code <topic>-key} or {@code <topic>-value}
 * @param problem one line for people: part, header, subject and the deserializer's message
 */
public record UnreadableRecord(RecordPart part, Integer foundSchemaId, String expectedSubject, String problem) {
    private static final int MAX_PREVIEW = 16;

    public static UnreadableRecord diagnose(String topic, byte[] key, byte[] value, Deserializer<?> keys, Deserializer<?> values,
                                            Exception original) {
        String keyProblem = problemReading(keys, topic, key);
        if (keyProblem != null) {
            return of(topic, RecordPart.KEY, key, keyProblem);
        }
        String valueProblem = problemReading(values, topic, value);
        if (valueProblem != null) {
            return of(topic, RecordPart.VALUE, value, valueProblem);
        }
        return new UnreadableRecord(null, null, null, "key and value both read when tried again; the first attempt failed: "
                + describe(original));
    }

    /** A record of a catalog topic, read with that topic's serdes. */
    public static UnreadableRecord diagnose(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record, Exception original) {
        return diagnose(record.topic(), record.key(), record.value(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), original);
    }

    /** When the topic's deserializers are unknown (a topic outside the catalog): only the failure itself. */
    public static UnreadableRecord undiagnosed(Exception original) {
        return new UnreadableRecord(null, null, null, describe(original));
    }

    private static UnreadableRecord of(String topic, RecordPart part, byte[] bytes, String problem) {
        boolean isKey = part == RecordPart.KEY;
        String subject = SubjectNaming.subject(topic, isKey);
        Integer schemaId = schemaId(bytes);
        String header = schemaId != null ? "schema id " + schemaId
                : "no Confluent header (" + bytes.length + " bytes starting " + preview(bytes) + ")";
        return new UnreadableRecord(part, schemaId, subject, "cannot read the " + (isKey ? "key" : "value") + ": " + header
                + ", expected a schema of subject " + subject + ": " + problem);
    }

    /** Null when the part reads (a null part always does: a tombstone or an unkeyed record). */
    private static String problemReading(Deserializer<?> deserializer, String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            deserializer.deserialize(topic, bytes);
            return null;
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static Integer schemaId(byte[] bytes) {
        return bytes.length >= WireFormat.HEADER_LENGTH && bytes[0] == WireFormat.MAGIC_BYTE
                ? ByteBuffer.wrap(bytes, 1, 4).getInt() : null;
    }

    /** The first bytes as text when printable (JSON and strings are the usual strays), else in hex. */
    private static String preview(byte[] bytes) {
        int n = Math.min(bytes.length, MAX_PREVIEW);
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            printable &= bytes[i] >= 0x20 && bytes[i] < 0x7f;
        }
        if (printable) {
            return "'" + new String(bytes, 0, n, StandardCharsets.US_ASCII) + "'" + (bytes.length > n ? "..." : "");
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex + (bytes.length > n ? "..." : "");
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
