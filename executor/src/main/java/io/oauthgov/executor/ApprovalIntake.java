package io.oauthgov.executor;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The door of the executor: an approved deletion becomes work only when it can be read, names an org and identity
 * this executor holds credentials for, quotes a fingerprint and the judged snapshot, and is not a repeat of an
 * approval already handled or of a client already being handled. Everything else is refused with a reason and never
 * reaches the API.
 */
final class ApprovalIntake {
    /** Work to do, or the refusal to publish instead. */
    sealed interface Decision permits Accepted, Refused {}

    record Accepted(ApprovedDeletion approval, GenesysClient api) implements Decision {}

    record Refused(Refusal refusal) implements Decision {}

    private final Topic<ApiIdentityKey, ApprovedDeletion> topic;
    private final ApiIdentities identities;
    private final Clock clock;

    ApprovalIntake(Topic<ApiIdentityKey, ApprovedDeletion> topic, ApiIdentities identities, Clock clock) {
        this.topic = topic;
        this.identities = identities;
        this.clock = clock;
    }

    /** @param alreadyHandling names the approval that already covers this one's approval id or client, if any */
    Decision decide(ConsumerRecord<byte[], byte[]> record, Function<ApprovedDeletion, Optional<String>> alreadyHandling) {
        ApiIdentityKey key;
        ApprovedDeletion approval;
        try {
            key = record.key() == null ? null : topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            approval = record.value() == null ? null : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return refuse(record, null, null, RejectionReason.DESERIALIZATION_FAILED, "unreadable approved deletion: " + e.getMessage(), true);
        }
        if (approval == null) {
            return refuse(record, null, null, RejectionReason.MALFORMED, "approved deletion without a value (tombstone)", true);
        }
        ClientKey client = new ClientKey(approval.getOrgId(), approval.getClientId());
        if (key == null || !key.getOrgId().equals(approval.getOrgId()) || !key.getIdentityId().equals(approval.getIdentityId())) {
            return refuse(record, client, approval, RejectionReason.MALFORMED,
                    "record key " + key + " does not match the approval's org and identity", false);
        }
        if (!identities.knowsOrg(approval.getOrgId())) {
            return refuse(record, client, approval, RejectionReason.UNKNOWN_ORG,
                    "no executor identity is configured for org " + approval.getOrgId(), false);
        }
        Optional<GenesysClient> api = identities.lookup(approval.getOrgId(), approval.getIdentityId());
        if (api.isEmpty()) {
            return refuse(record, client, approval, RejectionReason.UNKNOWN_IDENTITY,
                    "identity " + approval.getIdentityId() + " is not configured for org " + approval.getOrgId(), false);
        }
        if (approval.getFingerprint() == null || approval.getFingerprint().isBlank() || approval.getJudged() == null) {
            return refuse(record, client, approval, RejectionReason.MISSING_FINGERPRINT,
                    "an approved deletion must quote the fingerprint and the judged snapshot", false);
        }
        Optional<String> covering = alreadyHandling.apply(approval);
        if (covering.isPresent()) {
            return refuse(record, client, approval, RejectionReason.DUPLICATE_APPROVAL, covering.get(), false);
        }
        return new Accepted(approval, api.get());
    }

    private Refused refuse(ConsumerRecord<byte[], byte[]> record, ClientKey client, ApprovedDeletion approval,
                           RejectionReason reason, String detail, boolean keepRawBytes) {
        Rejection rejection = Rejection.newBuilder()
                .setRejectionId(UUID.randomUUID().toString())
                .setStage(Stage.EXECUTOR)
                .setReason(reason)
                .setDetail(detail)
                .setRejectedAt(clock.instant())
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setCandidateId(approval == null ? null : approval.getCandidateId())
                .setApprovalId(approval == null ? null : approval.getApprovalId())
                .setRawKey(keepRawBytes && record.key() != null ? ByteBuffer.wrap(record.key()) : null)
                .setRawValue(keepRawBytes && record.value() != null ? ByteBuffer.wrap(record.value()) : null)
                .build();
        return new Refused(new Refusal(client, rejection));
    }
}
