package io.oauthgov.collector;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.collector.evidence.EvidenceRead;
import io.oauthgov.collector.metrics.CollectorMetrics;
import io.oauthgov.collector.publish.CollectorPublisher;
import io.oauthgov.collector.publish.PublishQueue;
import io.oauthgov.collector.snapshot.AuthorizationSnapshots;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.collector.snapshot.ObservedSnapshot;
import io.oauthgov.collector.snapshot.SnapshotVerification;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.governance.IdentityMetrics;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's only reader of Genesys Cloud. Per organization: submit the evidence queries — the
 * organization-wide usage query and the audit log since the last checkpoint — so the platform runs them while the
 * identity's budget is spent on the rest; list every client, verify the listing is complete, read the grant type of
 * new or changed clients (the list omits it), publish the snapshot; then read the queries' results and publish the
 * evidence atomically with the new checkpoint. It publishes the truth or, for the registry, nothing: an unverified
 * listing publishes only its manifest. Organizations are collected in parallel (see {@link #collectOnce}).
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
    /** One per organization, each with the org's own transactional id: orgs publish in parallel, and are fenced one by one. */
    private final Map<String, CollectorPublisher> publishers = new ConcurrentHashMap<>();
    /**
     * Orgs another instance took over (this one's producer was fenced): left alone until {@link #takeOver} gives them
     * back, so a zombie never reopens a producer and fences the rightful owner in turn.
     */
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();
    private final CollectorMetrics meters;
    private final AuthorizationSnapshots authorization;
    /** One thread per org being collected, for its evidence lane (see {@link #collect}). */
    private final ExecutorService evidenceLanes = Executors.newCachedThreadPool(new NamedThreads("oauthgov-collector-evidence-"));
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
        this.authorization = new AuthorizationSnapshots(clock);
    }

    /**
     * Collects every organization once, {@link CollectorSettings#parallelOrgsFor several at a time}, each on a worker
     * of its own through its own identity: an org that fails, is throttled or is slow holds up no other (its identity's
     * calls are paced and retried on its worker alone). Each org's progress line is printed when it finishes; the
     * reports come back in the order of {@code orgs}. An unexpected failure (Kafka, a fenced producer) of one org
     * ends the cycle with that failure once the other orgs are done.
     */
    public List<OrgReport> collectOnce(List<OrgTarget> orgs, Consumer<String> progress) {
        loadStateOnce();
        ExecutorService workers = Executors.newFixedThreadPool(settings.parallelOrgsFor(orgs.size()), new NamedThreads("oauthgov-collector-org-"));
        try {
            List<Future<OrgReport>> running = new ArrayList<>();
            for (OrgTarget org : orgs) {
                running.add(workers.submit(() -> {
                    OrgReport report = collectUnlessFenced(org);
                    synchronized (progress) { // one whole line per org, whichever worker finishes first
                        progress.accept(report.progressLine());
                    }
                    return report;
                }));
            }
            List<OrgReport> reports = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<OrgReport> org : running) {
                try {
                    reports.add(org.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            meters.cycleFinished(reports);
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the collection was interrupted");
        } finally {
            workers.shutdownNow();
        }
    }

    /** Names the workers, so a thread dump or a log line says which ones collect organizations and read evidence. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * A newer producer with the org's transactional id (another instance took the org over) fences this one: its
     * transaction is aborted, nothing of it is visible, and this instance leaves the org to the other.
     */
    private OrgReport collectUnlessFenced(OrgTarget org) {
        if (fenced.contains(org.orgId())) {
            return OrgReport.fenced(org.orgId());
        }
        try {
            return collect(org);
        } catch (RuntimeException e) {
            if (!fenced(e)) {
                throw e;
            }
            LOG.warn("Org {} was taken over by another collector instance (this one's producer is fenced); left to it", org.orgId());
            fenced.add(org.orgId());
            CollectorPublisher stale = publishers.remove(org.orgId());
            if (stale != null) {
                stale.close();
            }
            return OrgReport.fenced(org.orgId());
        }
    }

    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes this collector the only writer of {@code orgIds} and re-reads what was published for them: a new producer
     * per org (its transactional id fences whichever instance wrote the org before, and completes or aborts that one's
     * open transaction), then, once nobody else can commit, the org's clients and checkpoint from their topics. An
     * instance that receives orgs from the group calls this before collecting them, so it resumes exactly where the
     * previous owner's last committed transaction left them.
     */
    public void takeOver(Set<String> orgIds) {
        for (String orgId : orgIds) {
            fenced.remove(orgId);
            CollectorPublisher previous = publishers.remove(orgId);
            if (previous != null) {
                previous.close(); // fenced already if another instance held the org since
            }
            publisher(orgId);
        }
        if (knownByOrg == null) {
            loadStateOnce();
            return;
        }
        Map<ClientKey, OAuthClientSnapshot> clients = TopicTableReader.readAll(topics.clients(), kafkaConfigs, READ_TIMEOUT);
        Map<OrgKey, CollectorCheckpoint> stored = TopicTableReader.readAll(topics.checkpoints(), kafkaConfigs, READ_TIMEOUT);
        for (String orgId : orgIds) {
            Map<String, OAuthClientSnapshot> known = new HashMap<>();
            clients.forEach((key, value) -> {
                if (key.getOrgId().equals(orgId)) {
                    known.put(key.getClientId(), value);
                }
            });
            knownByOrg.put(orgId, known);
            CollectorCheckpoint checkpoint = stored.get(new OrgKey(orgId));
            if (checkpoint == null) {
                checkpoints.remove(orgId);
            } else {
                checkpoints.put(orgId, checkpoint);
            }
        }
    }

    /**
     * The org's producer, opened on first use. Not in {@code computeIfAbsent}: that holds a lock on a bin of the map
     * other orgs share while initTransactions waits for the broker, and orgs open their producers at once. One thread
     * at a time opens an org's producer (the org's publish queue in a cycle, {@link #takeOver} between cycles), so
     * no two producers of one transactional id are ever opened.
     */
    private CollectorPublisher publisher(String orgId) {
        CollectorPublisher open = publishers.get(orgId);
        if (open == null) {
            open = new CollectorPublisher(topics, kafkaConfigs, settings.transactionalIdOf(orgId));
            publishers.put(orgId, open);
        }
        return open;
    }

    private OrgReport collect(OrgTarget org) {
        IdentityMetrics metrics = org.api().metrics();
        long callsBefore = metrics.calls();
        long throttledBefore = metrics.throttled();
        long waitedBefore = metrics.waited().toMillis();

        // Two lanes share the identity's budget: this thread reads roles, the listing and details while the evidence
        // lane submits the usage and audit queries, waits for the platform to run them and reads their results. The
        // governor paces both as one stream, and with two calls in flight a slow answer on one lane leaves the
        // budget to the other instead of idle. Kafka commits on the queue's thread meanwhile.
        Instant now = clock.instant();
        AuthorizationSnapshots.Result roles;
        SnapshotOutcome snapshot;
        EvidenceRead evidence;
        int tombstones;
        // The org's producer is opened (initTransactions, a broker round trip or several) as the queue's first task,
        // while both lanes already call the API. One producer for the whole collection: a fenced one is never
        // replaced mid-collection.
        try (PublishQueue queue = new PublishQueue(org.orgId(), () -> publisher(org.orgId()))) {
            Future<EvidenceLane> lane = evidenceLanes.submit(() -> readEvidence(org, now, queue));
            try {
                // Roles before clients: the analyzer can then judge each client's privilege when the client arrives.
                roles = authorization.collect(org, authorizationSnapshot -> queue.submit(1, p -> p.sendAuthorization(authorizationSnapshot), () -> { }));
                snapshot = snapshot(org, queue);
                evidence = finishEvidence(org, now, PublishQueue.result(lane), snapshot, queue);
            } finally {
                lane.cancel(true); // a no-op once it finished; stops its calls when this lane failed first
            }
            queue.awaitAll();
            tombstones = PublishQueue.result(snapshot.vanished()).size();
        }
        EvidenceCoverage coverage = evidence.coverage();
        OrgReport report = new OrgReport(org.orgId(), snapshot.observed().snapshotId(), snapshot.observed().verification().verified(),
                snapshot.observed().verification().failureReasons(), snapshot.observed().clients().size(),
                snapshot.observed().pages(), snapshot.detailReads(), tombstones, evidence.usagePublished(),
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
    private record SnapshotOutcome(ObservedSnapshot observed, int detailReads, Future<Set<String>> vanished, String gaveUp) {}

    /** @param queue where the snapshot's transaction is submitted; {@code vanished} names its tombstones once committed */
    private SnapshotOutcome snapshot(OrgTarget org, PublishQueue queue) {
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
        Set<String> previouslyKnown = Set.copyOf(known.keySet());
        Future<Set<String>> vanished = queue.submit(clients.size() + 1, p -> p.sendSnapshot(observed, previouslyKnown));
        if (verification.verified()) {
            // a failed publish stops the collector, which then starts again from what Kafka holds
            known.clear();
            clients.forEach(c -> known.put(c.getId(), c));
        }
        return new SnapshotOutcome(observed, detailReads, vanished, gaveUp);
    }

    /** A paged listing, or one whose count disagrees with its total, is read again and compared. */
    private List<String> secondPassIfSuspicious(OrgTarget org, ClientListing first, List<String> ids) {
        if (first.pages() <= 1 && ids.size() == first.declaredTotal()) {
            return null;
        }
        return org.api().oauthClients().listAll().entities().stream().map(OAuthClient::id).toList();
    }

    /** The org's checkpoint as last published, or an empty one (nothing read yet). */
    private CollectorCheckpoint checkpointOf(String orgId, Instant now) {
        return checkpoints.getOrDefault(orgId, CollectorCheckpoint.newBuilder().setOrgId(orgId).setUpdatedAt(now).build());
    }

    /** What the evidence lane read: the checkpoint it extended (batch by batch) and the evidence it holds back. */
    private record EvidenceLane(CollectorCheckpoint.Builder next, EvidenceRead read) {}

    /**
     * The evidence lane: submits the queries of every interval the checkpoint does not cover yet, then reads their
     * results, usage a batch at a time, each batch published with the checkpoint that covers it (a crash resumes
     * after the last published batch). Those intermediate checkpoints keep the last verified snapshot they had:
     * this run's snapshot is named only by the final checkpoint, in {@link #finishEvidence}.
     */
    private EvidenceLane readEvidence(OrgTarget org, Instant now, PublishQueue queue) {
        CollectorCheckpoint before = checkpointOf(org.orgId(), now);
        EvidenceQueries queries = EvidenceQueries.submit(org, settings, before, now);
        EvidenceRead read = new EvidenceRead();
        CollectorCheckpoint.Builder next = CollectorCheckpoint.newBuilder(before).setUpdatedAt(now);
        queries.finish(next, read, (batch, checkpoint) -> queue.submit(batch.size() + 1, p -> p.sendEvidenceBatch(batch, checkpoint),
                () -> checkpoints.put(org.orgId(), checkpoint)));
        return new EvidenceLane(next, read);
    }

    /**
     * Once both lanes are done: the audit evidence, the org's coverage and the final checkpoint in one transaction (the
     * snapshot's too, when it still waits in the queue: committed together, the coverage never precedes it).
     * The coverage record the analyzer judges sufficiency by goes out once, last, and names only what was published;
     * the intermediate checkpoints are the collector's own.
     */
    private EvidenceRead finishEvidence(OrgTarget org, Instant now, EvidenceLane lane, SnapshotOutcome snapshot, PublishQueue queue) {
        EvidenceRead read = lane.read();
        RegistryState registry = registryState(org.orgId(), snapshot);
        CollectorCheckpoint updated = lane.next().setLastVerifiedSnapshotId(registry.snapshotId()).build();
        EvidenceCoverage coverage = EvidenceCoverage.newBuilder()
                .setCollectionId(snapshot.observed().snapshotId())
                .setSnapshotId(registry.snapshotId())
                .setSnapshotObservedAt(registry.observedAt())
                .setOrgClients(registry.clients())
                .setUsageFrom(updated.getUsageFromDay() == null ? null : EvidenceQueries.startOf(updated.getUsageFromDay()))
                .setUsageThrough(updated.getUsageThroughDay() == null ? null : EvidenceQueries.startOf(updated.getUsageThroughDay().plusDays(1)))
                .setAuditFrom(updated.getAuditFrom())
                .setAuditThrough(updated.getAuditThrough())
                .setGaps(read.gaps())
                .build();
        queue.submit(read.audit().size() + 1, p -> p.sendEvidence(read.audit(), coverage, updated, now),
                () -> checkpoints.put(org.orgId(), updated));
        read.covered(coverage);
        read.gaps().forEach(gap -> LOG.warn("Evidence gap for org {}: {} {}/{} {} ({}); coverage not extended",
                org.orgId(), gap.getSource(), gap.getFrom(), gap.getThrough(), gap.getReason(), gap.getDetail()));
        return read;
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

    /** The previous verified registry and the checkpoints, read back from their compacted topics. */
    /**
     * Reads what earlier runs published (previous snapshots, checkpoints) if not read yet; {@link #collectOnce} does
     * it anyway, a stage calls it first so its cycle times measure collection alone.
     */
    void loadStateOnce() {
        if (knownByOrg != null) {
            return;
        }
        knownByOrg = new ConcurrentHashMap<>();
        Map<ClientKey, OAuthClientSnapshot> clients = TopicTableReader.readAll(topics.clients(), kafkaConfigs, READ_TIMEOUT);
        clients.forEach((key, value) -> knownByOrg.computeIfAbsent(key.getOrgId(), k -> new HashMap<>()).put(key.getClientId(), value));
        checkpoints = new ConcurrentHashMap<>();
        Map<OrgKey, CollectorCheckpoint> stored = TopicTableReader.readAll(topics.checkpoints(), kafkaConfigs, READ_TIMEOUT);
        stored.forEach((key, value) -> checkpoints.put(key.getOrgId(), value));
    }

    @Override
    public void close() {
        evidenceLanes.shutdownNow();
        publishers.values().forEach(CollectorPublisher::close);
        publishers.clear();
    }
}
