package io.oauthgov.collector;

import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.EvidenceSource;
import io.oauthgov.collector.evidence.EvidenceMapper;
import io.oauthgov.collector.evidence.EvidenceRead;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.api.PendingQuery;
import io.oauthgov.genesys.model.AuditPage;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run's evidence reads of one organization, in two steps so the rate budget never sits idle: {@link #submit}
 * works out every interval of the wanted window ({@code now - backfill} up to now) that the checkpoint does not
 * cover yet — the days since the last run and, when the backfill reaches further back than coverage, the earlier
 * days too — and submits its usage and audit queries; the collector then lists and reads clients while the
 * platform runs them; {@link #finish} polls each query (paced by the identity's governor) and reads its results.
 *
 * <p>Coverage grows only by intervals actually read: a failed, forbidden or never-completing query leaves a gap
 * that the coverage record and the run's report name, and the next run reads it again.
 */
final class EvidenceQueries {
    /** One interval of one source, and how the checkpoint grows once it was read completely. */
    private record Interval(EvidenceSource source, Instant from, Instant to, Consumer<CollectorCheckpoint.Builder> extend) {}

    /** An interval whose queries were submitted: one usage query, or one audit query per service. */
    private record Submitted(Interval interval, PendingQuery<List<UsageRow>> usage, List<PendingQuery<String>> audits,
                             GenesysApiException failure) {}

    private final OrgTarget org;
    private final CollectorSettings settings;
    private final Instant now;
    private final CollectorCheckpoint.Builder next;
    private final List<Submitted> submitted = new ArrayList<>();

    private EvidenceQueries(OrgTarget org, CollectorSettings settings, CollectorCheckpoint checkpoint, Instant now) {
        this.org = org;
        this.settings = settings;
        this.now = now;
        this.next = CollectorCheckpoint.newBuilder(checkpoint).setUpdatedAt(now);
    }

    /** Submits the queries of every interval {@code checkpoint} does not cover yet, as of {@code now}. */
    static EvidenceQueries submit(OrgTarget org, CollectorSettings settings, CollectorCheckpoint checkpoint, Instant now) {
        EvidenceQueries queries = new EvidenceQueries(org, settings, checkpoint, now);
        List<Interval> intervals = new ArrayList<>(usageIntervals(checkpoint, settings, now));
        intervals.addAll(auditIntervals(checkpoint, settings, now));
        List<String> services = null;
        for (Interval interval : intervals) {
            try {
                if (interval.source() == EvidenceSource.USAGE) {
                    queries.submitted.add(new Submitted(interval,
                            org.api().usage().submitOrganizationUsageByEndpoint(interval.from(), interval.to()), null, null));
                } else {
                    services = services != null ? services : org.api().audits().serviceNames();
                    List<PendingQuery<String>> perService = new ArrayList<>();
                    for (String service : services) {
                        perService.add(org.api().audits().submit(service, interval.from(), interval.to()));
                    }
                    queries.submitted.add(new Submitted(interval, null, perService, null));
                }
            } catch (GenesysApiException e) {
                queries.submitted.add(new Submitted(interval, null, null, e));
            }
        }
        return queries;
    }

    /** The evidence time, the run's {@code now}: what every record's {@code observedAt} says. */
    Instant now() {
        return now;
    }

    /**
     * Awaits every submitted query and reads its results into {@code read}. Evidence found before a failure is kept
     * (it is true evidence of use); only a complete read extends coverage.
     *
     * @return the checkpoint as this run's reads extend it
     */
    CollectorCheckpoint.Builder finish(EvidenceRead read) {
        for (Submitted query : submitted) {
            Interval interval = query.interval();
            try {
                if (query.failure() != null) {
                    throw query.failure();
                }
                if (query.usage() != null) {
                    query.usage().await().forEach(row -> read.usage().add(EvidenceMapper.fromUsage(org.orgId(), row, now)));
                } else {
                    for (PendingQuery<String> audit : query.audits()) {
                        readAuditPages(audit.await(), read);
                    }
                }
                interval.extend().accept(next);
            } catch (GenesysApiException e) {
                read.gap(interval.source(), interval.from(), interval.to(), e);
            }
        }
        return next;
    }

    private void readAuditPages(String transaction, EvidenceRead read) {
        String cursor = null;
        do {
            AuditPage page = org.api().audits().page(transaction, cursor, settings.auditPageSize());
            page.entities().forEach(entry -> read.audit().addAll(EvidenceMapper.fromAudit(org.orgId(), entry, now)));
            cursor = page.cursor();
        } while (cursor != null);
    }

    /** Usage: whole UTC days only, so a day is read once, when it is complete. */
    private static List<Interval> usageIntervals(CollectorCheckpoint checkpoint, CollectorSettings settings, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate wantedFrom = LocalDate.ofInstant(now.minus(settings.backfill()), ZoneOffset.UTC);
        LocalDate coveredFrom = checkpoint.getUsageFromDay();
        LocalDate coveredThrough = checkpoint.getUsageThroughDay();
        List<Interval> intervals = new ArrayList<>();
        if (coveredFrom == null || coveredThrough == null) {
            // Nothing read yet (or a checkpoint from before coverage was recorded): read the whole window.
            if (wantedFrom.isBefore(today)) {
                intervals.add(usage(wantedFrom, today, next -> next.setUsageFromDay(wantedFrom).setUsageThroughDay(today.minusDays(1))));
            }
            return intervals;
        }
        if (wantedFrom.isBefore(coveredFrom)) {
            intervals.add(usage(wantedFrom, coveredFrom, next -> next.setUsageFromDay(wantedFrom)));
        }
        LocalDate firstNewDay = coveredThrough.plusDays(1);
        if (firstNewDay.isBefore(today)) {
            intervals.add(usage(firstNewDay, today, next -> next.setUsageThroughDay(today.minusDays(1))));
        }
        return intervals;
    }

    private static Interval usage(LocalDate from, LocalDate toExclusive, Consumer<CollectorCheckpoint.Builder> extend) {
        return new Interval(EvidenceSource.USAGE, startOf(from), startOf(toExclusive), extend);
    }

    /** Audit: [from, now - settle) of every service; entries whose client made a change are evidence of its use. */
    private static List<Interval> auditIntervals(CollectorCheckpoint checkpoint, CollectorSettings settings, Instant now) {
        Instant wantedFrom = now.minus(settings.backfill());
        Instant to = now.minus(settings.auditSettle());
        Instant coveredFrom = checkpoint.getAuditFrom();
        Instant coveredThrough = checkpoint.getAuditThrough();
        List<Interval> intervals = new ArrayList<>();
        if (coveredFrom == null || coveredThrough == null) {
            if (wantedFrom.isBefore(to)) {
                intervals.add(new Interval(EvidenceSource.AUDIT, wantedFrom, to, next -> next.setAuditFrom(wantedFrom).setAuditThrough(to)));
            }
            return intervals;
        }
        if (wantedFrom.isBefore(coveredFrom)) {
            intervals.add(new Interval(EvidenceSource.AUDIT, wantedFrom, coveredFrom, next -> next.setAuditFrom(wantedFrom)));
        }
        if (coveredThrough.isBefore(to)) {
            intervals.add(new Interval(EvidenceSource.AUDIT, coveredThrough, to, next -> next.setAuditThrough(to)));
        }
        return intervals;
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
