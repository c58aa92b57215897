package io.oauthgov.collector;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.collector.evidence.EvidenceMapper;
import io.oauthgov.collector.evidence.EvidenceRead;
import io.oauthgov.collector.metrics.CollectorMetrics;
import io.oauthgov.collector.publish.CollectorPublisher;
import io.oauthgov.collector.snapshot.AuthorizationSnapshots;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.collector.snapshot.ObservedSnapshot;
import io.oauthgov.collector.snapshot.SnapshotVerification;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
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
    private final CollectorMetrics meters;
    private final AuthorizationSnapshots authorization;
    private Map<String, Map<String, OAuthClientSnapshot>> knownByOrg;
    private Map<String, CollectorCheckpoint> checkpoints;

    public Collector(CollectorSettings settings, Topics topics, Map<String, Object> kafkaConfigs, Clock clock) {
        this(settings, topics, kafkaConfigs, clock, CollectorMetrics.none());
    }

    /** @param meters where each organization's figures and each cycle's verdicts are recorded */
    public Collector(CollectorSettings settings, Topics topics, Map<String, Object> kafkaConfigs, Clock clock,
                     CollectorMetrics meters) {
        this.settings = settings;
        this.meters = meters;
        this.topics = topics;
        this.kafkaConfigs = Map.copyOf(kafkaConfigs);
        this.clock = clock;
        this.publisher = new CollectorPublisher(topics, kafkaConfigs, settings.transactionalId());
        this.authorization = new AuthorizationSnapshots(publisher, clock);
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
        meters.cycleFinished(reports);
        return reports;
    }

    private OrgReport collect(OrgTarget org) {
        IdentityMetrics metrics = org.api().metrics();
        long callsBefore = metrics.calls();
        long throttledBefore = metrics.throttled();
        long waitedBefore = metrics.waited().toMillis();

        // Roles before clients: the analyzer can then judge each client's privilege when the client arrives.
        AuthorizationSnapshots.Result roles = authorization.collect(org);
        SnapshotOutcome snapshot = snapshot(org);
        EvidenceRead evidence = collectEvidence(org, snapshot);
        EvidenceCoverage coverage = evidence.coverage();
        OrgReport report = new OrgReport(org.orgId(), snapshot.observed().snapshotId(), snapshot.observed().verification().verified(),
                snapshot.observed().verification().failureReasons(), snapshot.observed().clients().size(),
                snapshot.observed().pages(), snapshot.detailReads(), snapshot.tombstones(), evidence.usage().size(),
                evidence.audit().size(), metrics.calls() - callsBefore, metrics.throttled() - throttledBefore,
                metrics.waited().toMillis() - waitedBefore, evidence.problem(), text(coverage.getUsageFrom()),
                text(coverage.getUsageThrough()), text(coverage.getAuditFrom()), text(coverage.getAuditThrough()),
                snapshot.gaveUp() != null ? snapshot.gaveUp() : evidence.gaveUp(), roles.describe());
        meters.collected(org, report, snapshot.observed().completedAt(), coverage, evidence.gaps());
        return report;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** @param gaveUp why the listing gave up on the org (see {@link GovernedCaller#GAVE_UP}); null otherwise */
    private record SnapshotOutcome(ObservedSnapshot observed, int detailReads, int tombstones, String gaveUp) {}

    private SnapshotOutcome snapshot(OrgTarget org) {
        String snapshotId = UUID.randomUUID().toString();
        Instant startedAt = clock.instant();
        Map<String, OAuthClientSnapshot> known = knownByOrg.computeIfAbsent(org.orgId(), k -> new HashMap<>());
        List<OAuthClientSnapshot> clients = new ArrayList<>();
        int detailReads = 0;
        long declaredTotal = 0;
        int pages = 0;
        SnapshotVerification verification;
        String gaveUp = null;
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
            if (GovernedCaller.GAVE_UP.equals(e.code())) {
                gaveUp = e.getMessage();
            }
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
        return new SnapshotOutcome(observed, detailReads, vanished.size(), gaveUp);
    }

    /** A paged listing, or one whose count disagrees with its total, is read again and compared. */
    private List<String> secondPassIfSuspicious(OrgTarget org, ClientListing first, List<String> ids) {
        if (first.pages() <= 1 && ids.size() == first.declaredTotal()) {
            return null;
        }
        return org.api().oauthClients().listAll().entities().stream().map(OAuthClient::id).toList();
    }

    /**
     * Reads usage and audit evidence for every interval of the wanted window ({@code now - backfill} up to now) that
     * the checkpoint does not cover yet — the days since the last run and, when the backfill reaches further back
     * than coverage, the earlier days too — and publishes the evidence, the org's coverage and the checkpoint in one
     * transaction. Coverage grows only by intervals actually read: a failed, forbidden or never-completing query
     * leaves a gap that the coverage record and the run's report name, and the next run reads it again.
     */
    private EvidenceRead collectEvidence(OrgTarget org, SnapshotOutcome snapshot) {
        Instant now = clock.instant();
        CollectorCheckpoint checkpoint = checkpoints.getOrDefault(org.orgId(), CollectorCheckpoint.newBuilder()
                .setOrgId(org.orgId()).setUpdatedAt(now).build());
        EvidenceRead read = new EvidenceRead();
        CollectorCheckpoint.Builder next = CollectorCheckpoint.newBuilder(checkpoint).setUpdatedAt(now);

        // Usage: whole UTC days only, so a day is read once, when it is complete.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate wantedFrom = LocalDate.ofInstant(now.minus(settings.backfill()), ZoneOffset.UTC);
        LocalDate coveredFrom = checkpoint.getUsageFromDay();
        LocalDate coveredThrough = checkpoint.getUsageThroughDay();
        if (coveredFrom == null || coveredThrough == null) {
            // Nothing read yet (or a checkpoint from before coverage was recorded): read the whole window.
            if (wantedFrom.isBefore(today) && readUsage(org, wantedFrom, today, now, read)) {
                next.setUsageFromDay(wantedFrom).setUsageThroughDay(today.minusDays(1));
            }
        } else {
            if (wantedFrom.isBefore(coveredFrom) && readUsage(org, wantedFrom, coveredFrom, now, read)) {
                next.setUsageFromDay(wantedFrom);
            }
            LocalDate firstNewDay = coveredThrough.plusDays(1);
            if (firstNewDay.isBefore(today) && readUsage(org, firstNewDay, today, now, read)) {
                next.setUsageThroughDay(today.minusDays(1));
            }
        }

        // Audit: [from, now - settle) of every service; entries whose client made a change are evidence of its use.
        Instant auditWantedFrom = now.minus(settings.backfill());
        Instant auditTo = now.minus(settings.auditSettle());
        Instant auditFrom = checkpoint.getAuditFrom();
        Instant auditThrough = checkpoint.getAuditThrough();
        if (auditFrom == null || auditThrough == null) {
            if (auditWantedFrom.isBefore(auditTo) && readAudit(org, auditWantedFrom, auditTo, now, read)) {
                next.setAuditFrom(auditWantedFrom).setAuditThrough(auditTo);
            }
        } else {
            if (auditWantedFrom.isBefore(auditFrom) && readAudit(org, auditWantedFrom, auditFrom, now, read)) {
                next.setAuditFrom(auditWantedFrom);
            }
            if (auditThrough.isBefore(auditTo) && readAudit(org, auditThrough, auditTo, now, read)) {
                next.setAuditThrough(auditTo);
            }
        }

        RegistryState registry = registryState(org.orgId(), snapshot);
        next.setLastVerifiedSnapshotId(registry.snapshotId());
        CollectorCheckpoint updated = next.build();
        EvidenceCoverage coverage = EvidenceCoverage.newBuilder()
                .setCollectionId(snapshot.observed().snapshotId())
                .setSnapshotId(registry.snapshotId())
                .setSnapshotObservedAt(registry.observedAt())
                .setOrgClients(registry.clients())
                .setUsageFrom(updated.getUsageFromDay() == null ? null : startOf(updated.getUsageFromDay()))
                .setUsageThrough(updated.getUsageThroughDay() == null ? null : startOf(updated.getUsageThroughDay().plusDays(1)))
                .setAuditFrom(updated.getAuditFrom())
                .setAuditThrough(updated.getAuditThrough())
                .setGaps(read.gaps())
                .build();
        List<ActivityEvidence> evidence = new ArrayList<>(read.usage());
        evidence.addAll(read.audit());
        publisher.publishEvidence(evidence, coverage, updated, now);
        read.covered(coverage);
        checkpoints.put(org.orgId(), updated);
        read.gaps().forEach(gap -> LOG.warn("Evidence gap for org {}: {} {}/{} {} ({}); coverage not extended",
                org.orgId(), gap.getSource(), gap.getFrom(), gap.getThrough(), gap.getReason(), gap.getDetail()));
        return read;
    }

    private boolean readUsage(OrgTarget org, LocalDate fromDay, LocalDate toDayExclusive, Instant now, EvidenceRead read) {
        Instant from = startOf(fromDay);
        Instant to = startOf(toDayExclusive);
        try {
            org.api().usage().organizationUsageByEndpoint(from, to)
                    .forEach(row -> read.usage().add(EvidenceMapper.fromUsage(org.orgId(), row, now)));
            return true;
        } catch (GenesysApiException e) {
            read.gap(EvidenceSource.USAGE, from, to, e);
            return false;
        }
    }

    /** Evidence found before a failure is kept (it is true evidence of use); only a complete read extends coverage. */
    private boolean readAudit(OrgTarget org, Instant from, Instant to, Instant now, EvidenceRead read) {
        try {
            for (String service : org.api().audits().serviceNames()) {
                String transaction = org.api().audits().query(service, from, to);
                String cursor = null;
                do {
                    AuditPage page = org.api().audits().page(transaction, cursor, settings.auditPageSize());
                    page.entities().forEach(entry -> read.audit().addAll(EvidenceMapper.fromAudit(org.orgId(), entry, now)));
                    cursor = page.cursor();
                } while (cursor != null);
            }
            return true;
        } catch (GenesysApiException e) {
            read.gap(EvidenceSource.AUDIT, from, to, e);
            return false;
        }
    }

    /** The org's latest verified registry as the analyzer holds it: this run's snapshot when verified, else the last. */
    private record RegistryState(String snapshotId, Instant observedAt, long clients) {}

    private RegistryState registryState(String orgId, SnapshotOutcome snapshot) {
        Map<String, OAuthClientSnapshot> known = knownByOrg.getOrDefault(orgId, Map.of());
        if (snapshot.observed().verification().verified()) {
            Instant observedAt = known.values().stream().findAny().map(OAuthClientSnapshot::getObservedAt)
                    .orElse(snapshot.observed().completedAt());
            return new RegistryState(snapshot.observed().snapshotId(), observedAt, known.size());
        }
        return known.values().stream().findAny()
                .map(c -> new RegistryState(c.getSnapshotId(), c.getObservedAt(), known.size()))
                .orElse(new RegistryState(null, null, 0));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The previous verified registry and the checkpoints, read back from their compacted topics. */
    /**
     * Reads what earlier runs published (previous snapshots, checkpoints) if not read yet; {@link #collectOnce} does
     * it anyway, a stage calls it first so its cycle times measure collection alone.
     */
    void loadStateOnce() {
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
