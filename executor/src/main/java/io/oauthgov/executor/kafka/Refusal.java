package io.oauthgov.executor.kafka;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.rejection.RejectionFactory;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A rejection and its key on {@code governance.rejected}: the client when known, null when the input was unreadable. */
public record Refusal(ClientKey key, Rejection rejection) {

    /** An approval the executor refused while working on it (it no longer verifies, a limit, missing evidence). */
    public static Refusal ofApproval(ClientKey client, String candidateId, String approvalId, RejectionReason reason,
                                     String detail, Instant at) {
        // a fresh id: the same approval may be refused again later for the same reason (each time is news)
        return new Refusal(client, RejectionFactory.withId(RejectionFactory.refused(Stage.EXECUTOR, reason, detail, at,
                RejectionFactory.Source.NONE, approvalId, candidateId), UUID.randomUUID().toString()));
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
        Rejection rejection = RejectionFactory.withId(RejectionFactory.refused(Stage.EXECUTOR, reason, detail, at,
                new RejectionFactory.Source(record.topic(), record.partition(), record.offset()), approvalId, candidateId),
                rejectionId != null ? rejectionId : UUID.randomUUID().toString());
        return new Refusal(client, keepRawBytes ? RejectionFactory.withRawBytes(rejection, record.key(), record.value()) : rejection);
    }

    /** The stable id of a refusal of the record at this position. */
    public static String positionId(ConsumerRecord<?, ?> record) {
        return "executor:" + record.topic() + ":" + record.partition() + ":" + record.offset();
    }
}
