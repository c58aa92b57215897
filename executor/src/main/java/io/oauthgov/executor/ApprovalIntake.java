package io.oauthgov.executor;

import io.oauthgov.schemas.rejection.UnreadableRecord;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.executor.trust.Verdict;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.Topic;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The door of the executor: an approved deletion becomes work only when it can be read, carries an approval that
 * verifies here (HMAC, approver authorized for the org, not expired: the gate is not trusted, since anyone who can
 * write the topic could bypass it), names an org and identity this executor holds credentials for, quotes a
 * fingerprint and the judged snapshot, and is not a repeat of an approval already handled or of a client already
 * being handled. Everything else is refused with a reason and never reaches the API.
 */
final class ApprovalIntake {
    /** Work to do, or the refusal to publish instead. */
    sealed interface Decision permits Accepted, Refused {}

    /** @param priorIntent the DEACTIVATING intent an earlier run committed for this approval, or null */
    record Accepted(ApprovedDeletion approval, GenesysClient api, QuarantineEntry priorIntent) implements Decision {}

    record Refused(Refusal refusal) implements Decision {}

    private final Topic<ApiIdentityKey, ApprovedDeletion> topic;
    private final ApiIdentities identities;
    private final ApprovalVerifier verifier;
    private final Clock clock;

    ApprovalIntake(Topic<ApiIdentityKey, ApprovedDeletion> topic, ApiIdentities identities, ApprovalVerifier verifier, Clock clock) {
        this.topic = topic;
        this.identities = identities;
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * @param alreadyHandling names the approval that already covers this one's approval id or client, if any
     * @param priorIntent this approval's DEACTIVATING intent from an earlier run: its PUT may have left then, so the
     *                    approval's expiry is judged at that moment, not now
     */
    Decision decide(ConsumerRecord<byte[], byte[]> record, Function<ApprovedDeletion, Optional<String>> alreadyHandling,
                    Function<ApprovedDeletion, Optional<QuarantineEntry>> priorIntent) {
        ApiIdentityKey key;
        ApprovedDeletion approval;
        try {
            key = record.key() == null ? null : topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            approval = record.value() == null ? null : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return refuse(record, null, null, RejectionReason.DESERIALIZATION_FAILED, "unreadable approved deletion: "
                    + UnreadableRecord.diagnose(topic, record, e).problem(), true);
        }
        if (approval == null) {
            return refuse(record, null, null, RejectionReason.MALFORMED, "approved deletion without a value (tombstone)", true);
        }
        ClientKey client = new ClientKey(approval.getOrgId(), approval.getClientId());
        if (key == null || !key.getOrgId().equals(approval.getOrgId()) || !key.getIdentityId().equals(approval.getIdentityId())) {
            return refuse(record, client, approval, RejectionReason.MALFORMED,
                    "record key " + key + " does not match the approval's org and identity", false);
        }
        if (approval.getFingerprint() == null || approval.getFingerprint().isBlank() || approval.getJudged() == null) {
            return refuse(record, client, approval, RejectionReason.MISSING_FINGERPRINT,
                    "an approved deletion must quote the fingerprint and the judged snapshot", false);
        }
        Optional<QuarantineEntry> intent = priorIntent.apply(approval);
        Optional<Verdict> unverified = verifier.forDeactivation(approval, intent.map(QuarantineEntry::getDeactivatedAt).orElse(clock.instant()));
        if (unverified.isPresent()) {
            return refuse(record, client, approval, unverified.get().reason(), unverified.get().detail(), false);
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
        Optional<String> covering = alreadyHandling.apply(approval);
        if (covering.isPresent()) {
            return refuse(record, client, approval, RejectionReason.DUPLICATE_APPROVAL, covering.get(), false);
        }
        return new Accepted(approval, api.get(), intent.orElse(null));
    }

    private Refused refuse(ConsumerRecord<byte[], byte[]> record, ClientKey client, ApprovedDeletion approval,
                           RejectionReason reason, String detail, boolean keepRawBytes) {
        return new Refused(Refusal.ofRecord(record, client, approval == null ? null : approval.getCandidateId(),
                approval == null ? null : approval.getApprovalId(), reason, detail, keepRawBytes, clock.instant(), null));
    }
}
