package io.oauthgov.collector.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceGap;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ApiIdentityMeters;
import io.oauthgov.metrics.DomainMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the collector records per organization: snapshots by verdict, the last verified snapshot's age and size,
 * the age of the evidence coverage of each source, evidence published and the gaps met; and each identity's API
 * figures. Also keeps the last cycle's verdicts for {@link CollectorHealth}. {@link #none()} records nowhere, for
 * library users and tests that want no metrics.
 */
public final class CollectorMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, OrgFigures> orgs = new ConcurrentHashMap<>();
    private final CollectorHealth health;

    public CollectorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.health = new CollectorHealth(clock);
    }

    /** Records nothing anywhere: an empty composite registry is Micrometer's no-op. */
    public static CollectorMetrics none() {
        return new CollectorMetrics(new CompositeMeterRegistry(), Clock.systemUTC());
    }

    public CollectorHealth health() {
        return health;
    }

    /** One organization's collection is done: its snapshot (completed at {@code snapshotCompletedAt}) and evidence. */
    public void collected(OrgTarget org, OrgReport report, Instant snapshotCompletedAt, EvidenceCoverage coverage,
                          List<EvidenceGap> gaps) {
        OrgFigures figures = orgs.computeIfAbsent(org.orgId(), id -> register(org));
        figures.lastVerified = report.verified();
        if (report.verified()) {
            figures.verifiedAt = snapshotCompletedAt;
            figures.clients = report.clients();
        }
        figures.usageThrough = coverage.getUsageThrough();
        figures.auditThrough = coverage.getAuditThrough();
        DomainMetrics.SNAPSHOTS.counter(registry, org.orgId(), String.valueOf(report.verified())).increment();
        DomainMetrics.EVIDENCE_RECORDS.counter(registry, org.orgId(), source(EvidenceSource.USAGE)).increment(report.usageEvidence());
        DomainMetrics.EVIDENCE_RECORDS.counter(registry, org.orgId(), source(EvidenceSource.AUDIT)).increment(report.auditEvidence());
        gaps.forEach(gap -> DomainMetrics.EVIDENCE_GAPS.counter(registry, org.orgId(), source(gap.getSource()), gap.getReason()).increment());
    }

    /** A cycle over every organization ended; readiness follows its verdicts. */
    public void cycleFinished(List<OrgReport> reports) {
        health.cycleFinished(reports);
    }

    /** Meters of an organization seen for the first time (and of the identity it is read with). */
    private OrgFigures register(OrgTarget org) {
        OrgFigures figures = new OrgFigures();
        String id = org.orgId();
        DomainMetrics.SNAPSHOT_VERIFIED.gauge(registry, figures, f -> f.lastVerified ? 1 : 0, id);
        DomainMetrics.SNAPSHOT_AGE.gauge(registry, figures, f -> secondsSince(f.verifiedAt), id);
        DomainMetrics.SNAPSHOT_CLIENTS.gauge(registry, figures, f -> f.verifiedAt == null ? Double.NaN : f.clients, id);
        DomainMetrics.EVIDENCE_COVERAGE_AGE.gauge(registry, figures, f -> secondsSince(f.usageThrough), id, source(EvidenceSource.USAGE));
        DomainMetrics.EVIDENCE_COVERAGE_AGE.gauge(registry, figures, f -> secondsSince(f.auditThrough), id, source(EvidenceSource.AUDIT));
        ApiIdentityMeters.bind(registry, org.api(), clock);
        return figures;
    }

    private double secondsSince(Instant at) {
        return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000.0;
    }

    private static String source(EvidenceSource source) {
        return source.name().toLowerCase();
    }

    /** The latest figures of one org, written by the collecting thread, read by scrapes. */
    private static final class OrgFigures {
        volatile boolean lastVerified;
        volatile Instant verifiedAt;
        volatile long clients;
        volatile Instant usageThrough;
        volatile Instant auditThrough;
    }
}
