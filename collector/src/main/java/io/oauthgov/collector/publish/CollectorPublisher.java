package io.oauthgov.collector.publish;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.collector.snapshot.ObservedSnapshot;
import io.oauthgov.collector.snapshot.SnapshotDigest;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what the collector learned, each step inside one Kafka transaction ({@link #inTransaction}; the
 * {@link PublishQueue} opens them, and may put several steps in one): a snapshot's clients, tombstones and manifest
 * commit together or not at all, and so do a batch of evidence and the checkpoint that says it was published. A crash
 * therefore never leaves evidence without its checkpoint (duplicates) or a checkpoint without its evidence (gaps), and
 * consumers reading {@code read_committed} never see half a snapshot. A step sent outside a transaction fails: the
 * producer is transactional.
 *
 * <p>The producer and what a failed transaction means are {@link TransactionalPublisher}'s, as in every stage.
 */
public final class CollectorPublisher implements AutoCloseable {

    private final Topics topics;
    private final TransactionalPublisher producer;

    public CollectorPublisher(Topics topics, Map<String, Object> clientConfigs, String transactionalId) {
        this.topics = topics;
        // a snapshot is thousands of small records: batch them
        this.producer = TransactionalPublisher.open("collector", clientConfigs, transactionalId,
                Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /**
     * Sends a snapshot. Verified: every client, a tombstone for each id known before but absent now, and the
     * manifest. Not verified: the manifest alone (verified=false, with its reasons) — an incomplete listing must
     * neither remove clients nor be evaluated as the registry.
     *
     * @param previouslyKnownIds the org's client ids as of the previous verified snapshot
     * @return the ids that got tombstones
     */
    public Set<String> sendSnapshot(ObservedSnapshot snapshot, Collection<String> previouslyKnownIds) {
        Set<String> vanished = new TreeSet<>();
        if (snapshot.verification().verified()) {
            vanished.addAll(previouslyKnownIds);
            snapshot.clients().forEach(c -> vanished.remove(c.getId()));
        }
        SnapshotManifest manifest = SnapshotManifest.newBuilder()
                .setSnapshotId(snapshot.snapshotId())
                .setOrgId(snapshot.orgId())
                .setRegion(snapshot.region())
                .setStartedAt(snapshot.startedAt())
                .setCompletedAt(snapshot.completedAt())
                .setExpectedTotal(snapshot.declaredTotal())
                .setObservedTotal(snapshot.clients().stream().map(OAuthClientSnapshot::getId).distinct().count())
                .setVerified(snapshot.verification().verified())
                .setDigest(SnapshotDigest.of(snapshot.clients()))
                .setPages(snapshot.pages())
                .setTombstones(vanished.size())
                .setFailureReasons(snapshot.verification().failureReasons())
                .build();
        if (snapshot.verification().verified()) {
            for (OAuthClientSnapshot client : snapshot.clients()) {
                send(topics.clients(), new ClientKey(snapshot.orgId(), client.getId()), client);
            }
            for (String id : vanished) {
                send(topics.clients(), new ClientKey(snapshot.orgId(), id), null);
            }
        }
        send(topics.snapshots(), new OrgKey(snapshot.orgId()), manifest);
        return vanished;
    }

    /** Sends an organization's verified roles and divisions, replacing the previous ones (a compacted topic). */
    public void sendAuthorization(AuthorizationSnapshot snapshot) {
        send(topics.authorization(), new OrgKey(snapshot.getOrgId()), snapshot);
    }

    /**
     * Sends a run's evidence, then the org's coverage, then the checkpoint. The coverage goes to
     * every partition of the activity topic after the evidence: Kafka keeps order within a partition, so each
     * analyzer task sees the coverage only once every piece of this run's evidence for its own clients has arrived.
     */
    public void sendEvidence(List<ActivityEvidence> evidence, EvidenceCoverage coverage, CollectorCheckpoint checkpoint,
                             Instant observedAt) {
        String orgId = checkpoint.getOrgId();
        sendAll(evidence);
        int partitions = producer.partitions(topics.activity().name());
        for (int partition = 0; partition < partitions; partition++) {
            ActivityEvidence copy = ActivityEvidence.newBuilder()
                    .setEvidenceId("coverage/" + orgId + "/" + coverage.getCollectionId() + "/" + partition)
                    .setOrgId(orgId)
                    .setClientId(OrgWide.CLIENT_ID)
                    .setSource(EvidenceSource.USAGE)
                    .setRelation(EvidenceRelation.COVERAGE)
                    .setEventAt(observedAt)
                    .setObservedAt(observedAt)
                    .setCoverage(coverage)
                    .build();
            ProducerRecord<byte[], byte[]> record = topics.activity().record(OrgWide.key(orgId), copy);
            producer.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value()));
        }
        send(topics.checkpoints(), new OrgKey(orgId), checkpoint);
    }

    /**
     * Sends one batch of a run's usage evidence with the checkpoint that covers it; the run's coverage follows in
     * {@link #sendEvidence} once every batch is out, so the analyzer never judges on part of a run.
     */
    public void sendEvidenceBatch(List<ActivityEvidence> evidence, CollectorCheckpoint checkpoint) {
        sendAll(evidence);
        send(topics.checkpoints(), new OrgKey(checkpoint.getOrgId()), checkpoint);
    }

    private void sendAll(List<ActivityEvidence> evidence) {
        for (ActivityEvidence e : evidence) {
            send(topics.activity(), new ClientKey(e.getOrgId(), e.getClientId()), e);
        }
    }

    /** Runs {@code sends} (steps of this class) in one transaction: all of it commits, or none of it. */
    public void inTransaction(Runnable sends) {
        producer.inTransaction(sends);
    }

    private <K extends SpecificRecord, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value) {
        producer.send(topic, key, value);
    }

    @Override
    public void close() {
        producer.close();
    }
}
