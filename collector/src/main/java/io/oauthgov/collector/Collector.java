package io.oauthgov.collector;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.collector.evidence.EvidenceMapper;
import io.oauthgov.collector.publish.CollectorPublisher;
import io.oauthgov.collector.snapshot.ClientSnapshots;
import io.oauthgov.collector.snapshot.ObservedSnapshot;
import io.oauthgov.collector.snapshot.SnapshotVerification;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.governance.IdentityMetrics;
import io.oauthgov.genesys.model.AuditPage;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's only reader of Genesys Cloud. Per organization: list every client, verify the listing is
 * complete, read the grant type of new or changed clients (the list omits it), publish the snapshot; then read
 * evidence of use — the organization-wide usage query and the audit log — since the last checkpoint, and publish
 * it atomically with the new checkpoint. It publishes the truth or, for the registry, nothing: an unverified
 * listing publishes only its manifest.
 *
 * <p>What the previous verified snapshot held (for tombstones and the grant-type cache) and how far evidence was
 * read are recovered at start from the compacted clients and checkpoints topics, so a restart loses nothing.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final CollectorSettings settings;
    private final Topics topics;
    private final Map<String, Object> kafkaConfigs;
    private final Clock clock;
    private final CollectorPublisher publisher;
    private Map<String, Map<String, OAuthClientSnapshot>> knownByOrg;
    private Map<String, CollectorCheckpoint> checkpoints;

    public Collector(CollectorSettings settings, Topics topics, Map<String, Object> kafkaConfigs, Clock clock) {
        this.settings = settings;
        this.topics = topics;
        this.kafkaConfigs = Map.copyOf(kafkaConfigs);
        this.clock = clock;
        this.publisher = new CollectorPublisher(topics, kafkaConfigs, settings.transactionalId());
    }

    /** Collects every organization once; one failing organization does not stop the others. */
    public List<OrgReport> collectOnce(List<OrgTarget> orgs, Consumer<String> progress) {
        loadStateOnce();
        List<OrgReport> reports = new ArrayList<>();
        for (OrgTarget org : orgs) {
            OrgReport report = collect(org);
            progress.accept(report.progressLine());
            reports.add(report);
        }
        return reports;
    }

    private OrgReport collect(OrgTarget org) {
        IdentityMetrics metrics = org.api().metrics();
        long callsBefore = metrics.calls();
        long throttledBefore = metrics.throttled();
        long waitedBefore = metrics.waited().toMillis();

        SnapshotOutcome snapshot = snapshot(org);
        int[] evidence = {0, 0};
        String evidenceError = null;
        try {
            evidence = collectEvidence(org);
        } catch (GenesysApiException e) {
            // The checkpoint stays where it was: the next run reads the same interval again, nothing is skipped.
            evidenceError = e.getMessage();
            LOG.warn("Evidence of org {} not collected this run: {}", org.orgId(), e.getMessage());
        }
        return new OrgReport(org.orgId(), snapshot.observed().snapshotId(), snapshot.observed().verification().verified(),
                snapshot.observed().verification().failureReasons(), snapshot.observed().clients().size(),
                snapshot.observed().pages(), snapshot.detailReads(), snapshot.tombstones(), evidence[0], evidence[1],
                metrics.calls() - callsBefore, metrics.throttled() - throttledBefore,
                metrics.waited().toMillis() - waitedBefore, evidenceError);
    }

    private record SnapshotOutcome(ObservedSnapshot observed, int detailReads, int tombstones) {}

    private SnapshotOutcome snapshot(OrgTarget org) {
        String snapshotId = UUID.randomUUID().toString();
        Instant startedAt = clock.instant();
        Map<String, OAuthClientSnapshot> known = knownByOrg.computeIfAbsent(org.orgId(), k -> new HashMap<>());
        List<OAuthClientSnapshot> clients = new ArrayList<>();
        int detailReads = 0;
        long declaredTotal = 0;
        int pages = 0;
        SnapshotVerification verification;
        try {
            ClientListing listing = org.api().oauthClients().listAll();
            declaredTotal = listing.declaredTotal();
            pages = listing.pages();
            List<String> ids = listing.entities().stream().map(OAuthClient::id).toList();
            verification = SnapshotVerification.of(ids, declaredTotal, secondPassIfSuspicious(org, listing, ids));
            if (listing.totalChangedBetweenPages() && verification.verified()) {
                verification = SnapshotVerification.failed(SnapshotVerification.LISTING_DRIFT);
            }
            if (verification.verified()) {
                Instant observedAt = clock.instant();
                for (OAuthClient listed : listing.entities()) {
                    OAuthClientSnapshot previous = known.get(listed.id());
                    String grantType;
                    if (previous != null && previous.getAuthorizedGrantType() != null
                            && Objects.equals(previous.getDateModified(), listed.dateModified())) {
                        grantType = previous.getAuthorizedGrantType(); // unchanged since read: the cache is the truth
                    } else {
                        detailReads++;
                        var detail = org.api().oauthClients().get(listed.id());
                        if (detail.isEmpty()) {
                            // Listed a moment ago, gone now: the registry moved under the listing.
                            verification = SnapshotVerification.failed(SnapshotVerification.LISTING_DRIFT);
                            break;
                        }
                        grantType = detail.get().authorizedGrantType();
                    }
                    clients.add(ClientSnapshots.from(listed, grantType, org.orgId(), org.region(), snapshotId, observedAt));
                }
            }
        } catch (GenesysApiException e) {
            LOG.warn("Listing of org {} failed: {}", org.orgId(), e.getMessage());
            verification = SnapshotVerification.failed(SnapshotVerification.API_ERROR);
        }
        if (!verification.verified()) {
            clients = List.of();
        }
        ObservedSnapshot observed = new ObservedSnapshot(snapshotId, org.orgId(), org.region(), startedAt, clock.instant(),
                declaredTotal, pages, clients, verification);
        var vanished = publisher.publishSnapshot(observed, known.keySet());
        if (verification.verified()) {
            known.clear();
            clients.forEach(c -> known.put(c.getId(), c));
        }
        return new SnapshotOutcome(observed, detailReads, vanished.size());
    }

    /** A paged listing, or one whose count disagrees with its total, is read again and compared. */
    private List<String> secondPassIfSuspicious(OrgTarget org, ClientListing first, List<String> ids) {
        if (first.pages() <= 1 && ids.size() == first.declaredTotal()) {
            return null;
        }
        return org.api().oauthClients().listAll().entities().stream().map(OAuthClient::id).toList();
    }

    /** Usage then audit, each published in one transaction together with its checkpoint. Returns {usage, audit} counts. */
    private int[] collectEvidence(OrgTarget org) {
        Instant now = clock.instant();
        CollectorCheckpoint checkpoint = checkpoints.getOrDefault(org.orgId(), CollectorCheckpoint.newBuilder()
                .setOrgId(org.orgId()).setUpdatedAt(now).build());

        // Usage: whole UTC days only, so a day is read once, when it is complete.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstDay = checkpoint.getUsageThroughDay() != null ? checkpoint.getUsageThroughDay().plusDays(1)
                : LocalDate.ofInstant(now.minus(settings.backfill()), ZoneOffset.UTC);
        List<ActivityEvidence> usage = new ArrayList<>();
        if (firstDay.isBefore(today)) {
            org.api().usage().organizationUsageByClient(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    today.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .forEach(row -> usage.add(EvidenceMapper.fromUsage(org.orgId(), row, now)));
            checkpoint = CollectorCheckpoint.newBuilder(checkpoint).setUsageThroughDay(today.minusDays(1)).setUpdatedAt(now).build();
            publisher.publishEvidence(usage, checkpoint);
        }

        // Audit: [auditThrough, now) of every service; entries whose client made a change are evidence of its use.
        Instant auditFrom = checkpoint.getAuditThrough() != null ? checkpoint.getAuditThrough() : now.minus(settings.backfill());
        Instant auditTo = now.minus(settings.auditSettle());
        List<ActivityEvidence> audit = new ArrayList<>();
        if (auditFrom.isBefore(auditTo)) {
            for (String service : org.api().audits().serviceNames()) {
                String transaction = org.api().audits().query(service, auditFrom, auditTo);
                String cursor = null;
                do {
                    AuditPage page = org.api().audits().page(transaction, cursor, settings.auditPageSize());
                    page.entities().forEach(entry -> audit.addAll(EvidenceMapper.fromAudit(org.orgId(), entry, now)));
                    cursor = page.cursor();
                } while (cursor != null);
            }
            checkpoint = CollectorCheckpoint.newBuilder(checkpoint).setAuditThrough(auditTo).setUpdatedAt(now).build();
            publisher.publishEvidence(audit, checkpoint);
        }
        checkpoints.put(org.orgId(), checkpoint);
        return new int[] {usage.size(), audit.size()};
    }

    /** The previous verified registry and the checkpoints, read back from their compacted topics. */
    private void loadStateOnce() {
        if (knownByOrg != null) {
            return;
        }
        knownByOrg = new HashMap<>();
        Map<ClientKey, OAuthClientSnapshot> clients = TopicTableReader.readAll(topics.clients(), kafkaConfigs, READ_TIMEOUT);
        clients.forEach((key, value) -> knownByOrg.computeIfAbsent(key.getOrgId(), k -> new HashMap<>()).put(key.getClientId(), value));
        checkpoints = new HashMap<>();
        Map<OrgKey, CollectorCheckpoint> stored = TopicTableReader.readAll(topics.checkpoints(), kafkaConfigs, READ_TIMEOUT);
        stored.forEach((key, value) -> checkpoints.put(key.getOrgId(), value));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
