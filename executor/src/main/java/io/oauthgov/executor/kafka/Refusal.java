package io.oauthgov.executor.kafka;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A rejection and its key on {@code governance.rejected}: the client when known, null when the input was unreadable. */
public record Refusal(ClientKey key, Rejection rejection) {

    /** An approval the executor refused while working on it (it no longer verifies, a limit, missing evidence). */
    public static Refusal ofApproval(ClientKey client, String candidateId, String approvalId, RejectionReason reason,
                                     String detail, Instant at) {
        return new Refusal(client, Rejection.newBuilder()
                .setRejectionId(UUID.randomUUID().toString())
                .setStage(Stage.EXECUTOR)
                .setReason(reason)
                .setDetail(detail)
                .setRejectedAt(at)
                .setCandidateId(candidateId)
                .setApprovalId(approvalId)
                .build());
    }

    /**
     * A consumed record the executor refused.
     *
     * @param rejectionId a stable id where the record is re-read at every start (the compacted topics followed from
     *                    their beginning), so the repeats are recognisable as one; null for a random one
     * @param keepRawBytes keep the record's bytes (it could not be read, so they are all there is to look at)
     */
    public static Refusal ofRecord(ConsumerRecord<byte[], byte[]> record, ClientKey client, String candidateId, String approvalId,
                                   RejectionReason reason, String detail, boolean keepRawBytes, Instant at, String rejectionId) {
        return new Refusal(client, Rejection.newBuilder()
                .setRejectionId(rejectionId != null ? rejectionId : UUID.randomUUID().toString())
                .setStage(Stage.EXECUTOR)
                .setReason(reason)
                .setDetail(detail)
                .setRejectedAt(at)
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setCandidateId(candidateId)
                .setApprovalId(approvalId)
                .setRawKey(keepRawBytes && record.key() != null ? ByteBuffer.wrap(record.key()) : null)
                .setRawValue(keepRawBytes && record.value() != null ? ByteBuffer.wrap(record.value()) : null)
                .build());
    }

    /** The stable id of a refusal of the record at this position. */
    public static String positionId(ConsumerRecord<?, ?> record) {
        return "executor:" + record.topic() + ":" + record.partition() + ":" + record.offset();
    }
}
