package io.oauthgov.schemas.rejection;

import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the {@link Rejection} records every stage writes to {@code governance.rejected} instead of dropping anything.
 * A rejection of a record read from a topic is identified by that record's position (stage, reason, topic,
 * partition, offset), so reprocessing the same input after a failure or a restart yields the same rejection id and
 * consumers can de-duplicate; a rejection without a source record by its content.
 */
public final class RejectionFactory {
    private static final int MAX_DETAIL = 1000;

    private RejectionFactory() {}

    /** Where a refused record was read from; all null when the refusal has no source record. */
    public record Source(String topic, Integer partition, Long offset) {
        public static final Source NONE = new Source(null, null, null);
    }

    public static Rejection refused(Stage stage, RejectionReason reason, String detail, Instant at, Source source,
                                    String approvalId, String candidateId) {
        return Rejection.newBuilder()
                .setRejectionId(id(stage, reason, source, detail, approvalId))
                .setStage(stage)
                .setReason(reason)
                .setDetail(truncate(detail))
                .setRejectedAt(at)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setApprovalId(approvalId)
                .setCandidateId(candidateId)
                .build();
    }

    /**
     * A record that could not be deserialized, diagnosed: which part failed, the schema id found, the subject
     * expected, and the raw bytes.
     */
    public static Rejection unreadable(Stage stage, Source source, byte[] rawKey, byte[] rawValue, UnreadableRecord diagnosis,
                                       Instant at) {
        Rejection rejection = refused(stage, RejectionReason.DESERIALIZATION_FAILED, "cannot deserialize record "
                + source.topic() + "-" + source.partition() + "@" + source.offset() + ": " + diagnosis.problem(), at, source, null, null);
        return Rejection.newBuilder(withRawBytes(rejection, rawKey, rawValue))
                .setUnreadablePart(diagnosis.part())
                .setFoundSchemaId(diagnosis.foundSchemaId())
                .setExpectedSubject(diagnosis.expectedSubject())
                .build();
    }

    /** The rejection with the refused record's bytes attached (when it could not be read, they are all there is). */
    public static Rejection withRawBytes(Rejection rejection, byte[] rawKey, byte[] rawValue) {
        return Rejection.newBuilder(rejection)
                .setRawKey(rawKey == null ? null : ByteBuffer.wrap(rawKey.clone()))
                .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue.clone()))
                .build();
    }

    /** The same rejection under an id the caller keeps stable by its own rule (e.g. per approval). */
    public static Rejection withId(Rejection rejection, String rejectionId) {
        return Rejection.newBuilder(rejection).setRejectionId(rejectionId).build();
    }

    private static String id(Stage stage, RejectionReason reason, Source source, String detail, String approvalId) {
        if (source.topic() != null) {
            return stage + ":" + reason + ":" + source.topic() + "-" + source.partition() + "@" + source.offset();
        }
        String content = stage + "|" + reason + "|" + detail + "|" + approvalId;
        return stage + ":" + reason + ":" + UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
