package io.oauthgov.collector;

import io.oauthgov.avro.ActivityEvidence;
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
 * platform runs them; {@link #finish} polls each query (paced by the identity's governor), reads its results and
 * publishes usage a batch at a time.
 *
 * <p>Coverage grows only by intervals actually read: a failed, forbidden or never-completing query leaves a gap
 * that the coverage record and the run's report name, and the next run reads it again.
 */
final class EvidenceQueries {
    /**
     * One interval of one source, and how the checkpoint grows once it was read completely. Usage intervals come in
     * batches of at most {@link CollectorSettings#usageBatchDays} days; the batches of one stretch ({@code stretch})
     * extend coverage in turn, so a failed batch ends its stretch for the run (coverage has no holes, and the next run
     * reads the rest from where coverage ends, so nothing is read twice).
     */
    private record Interval(EvidenceSource source, Instant from, Instant to, int stretch, Consumer<CollectorCheckpoint.Builder> extend) {}

    /** Publishes one batch of usage evidence with the checkpoint that covers everything published so far. */
    @FunctionalInterface
    interface BatchPublisher {
        void publish(List<ActivityEvidence> evidence, CollectorCheckpoint checkpoint);
    }

    /** An interval whose queries were submitted: one usage query, or one audit query per service. */
    private record Submitted(Interval interval, PendingQuery<List<UsageRow>> usage, List<PendingQuery<String>> audits,
                             GenesysApiException failure) {}

    private final OrgTarget org;
    private final CollectorSettings settings;
    private final Instant now;
    private final List<Submitted> submitted = new ArrayList<>();

    private EvidenceQueries(OrgTarget org, CollectorSettings settings, Instant now) {
        this.org = org;
        this.settings = settings;
        this.now = now;
    }

    /** Submits the queries of every interval {@code checkpoint} does not cover yet, as of {@code now}. */
    static EvidenceQueries submit(OrgTarget org, CollectorSettings settings, CollectorCheckpoint checkpoint, Instant now) {
        EvidenceQueries queries = new EvidenceQueries(org, settings, now);
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
     * Awaits every submitted query and reads its results. Each usage batch is published as soon as it is read, with
     * the checkpoint that covers it ({@code publishBatch}, one transaction), and then dropped: memory holds one batch,
     * not the window, and a crash makes the next run read at most the batch in flight again. Audit evidence is
     * collected into {@code read}, for the run's last transaction. Evidence found before a failure is kept (it is
     * true evidence of use); only a complete read extends coverage.
     *
     * @param next the checkpoint to extend (this run's registry state already set)
     * @return {@code next}, extended by every interval read completely
     */
    CollectorCheckpoint.Builder finish(CollectorCheckpoint.Builder next, EvidenceRead read, BatchPublisher publishBatch) {
        java.util.Set<Integer> brokenStretches = new java.util.HashSet<>();
        for (Submitted query : submitted) {
            Interval interval = query.interval();
            try {
                if (query.failure() != null) {
                    throw query.failure();
                }
                if (query.usage() != null) {
                    if (brokenStretches.contains(interval.stretch())) {
                        continue; // beyond a failed batch: read next run, from where coverage ends (never twice)
                    }
                    List<ActivityEvidence> batch = new ArrayList<>();
                    query.usage().await().forEach(row -> batch.add(EvidenceMapper.fromUsage(org.orgId(), row, now)));
                    interval.extend().accept(next);
                    publishBatch.publish(batch, next.build());
                    read.usagePublished(batch.size());
                } else {
                    for (PendingQuery<String> audit : query.audits()) {
                        readAuditPages(audit.await(), read);
                    }
                    if (!brokenStretches.contains(interval.stretch())) {
                        interval.extend().accept(next);
                    }
                }
            } catch (GenesysApiException e) {
                brokenStretches.add(interval.stretch());
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

    /**
     * Usage: whole UTC days only, so a day is read once, when it is complete; in batches of at most
     * {@code usageBatchDays}, each extending the coverage contiguously — forward (through) for new days, backward
     * (from) when the backfill reaches further back than coverage.
     */
    private static List<Interval> usageIntervals(CollectorCheckpoint checkpoint, CollectorSettings settings, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate wantedFrom = LocalDate.ofInstant(now.minus(settings.backfill()), ZoneOffset.UTC);
        LocalDate coveredFrom = checkpoint.getUsageFromDay();
        LocalDate coveredThrough = checkpoint.getUsageThroughDay();
        int days = settings.usageBatchDays();
        List<Interval> intervals = new ArrayList<>();
        if (coveredFrom == null || coveredThrough == null) {
            // Nothing read yet (or a checkpoint from before coverage was recorded): read the whole window, oldest first.
            for (LocalDate from = wantedFrom; from.isBefore(today); from = from.plusDays(days)) {
                LocalDate to = min(from.plusDays(days), today);
                LocalDate through = to.minusDays(1);
                intervals.add(usage(from, to, 0, next -> next.setUsageFromDay(wantedFrom).setUsageThroughDay(through)));
            }
            return intervals;
        }
        // newest first, so each batch extends coverage back from where it starts
        for (LocalDate to = coveredFrom; wantedFrom.isBefore(to); to = to.minusDays(days)) {
            LocalDate from = max(to.minusDays(days), wantedFrom);
            intervals.add(usage(from, to, 1, next -> next.setUsageFromDay(from)));
        }
        for (LocalDate from = coveredThrough.plusDays(1); from.isBefore(today); from = from.plusDays(days)) {
            LocalDate to = min(from.plusDays(days), today);
            LocalDate through = to.minusDays(1);
            intervals.add(usage(from, to, 2, next -> next.setUsageThroughDay(through)));
        }
        return intervals;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Interval usage(LocalDate from, LocalDate toExclusive, int stretch, Consumer<CollectorCheckpoint.Builder> extend) {
        return new Interval(EvidenceSource.USAGE, startOf(from), startOf(toExclusive), stretch, extend);
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
                intervals.add(new Interval(EvidenceSource.AUDIT, wantedFrom, to, 3, next -> next.setAuditFrom(wantedFrom).setAuditThrough(to)));
            }
            return intervals;
        }
        if (wantedFrom.isBefore(coveredFrom)) {
            intervals.add(new Interval(EvidenceSource.AUDIT, wantedFrom, coveredFrom, 4, next -> next.setAuditFrom(wantedFrom)));
        }
        if (coveredThrough.isBefore(to)) {
            intervals.add(new Interval(EvidenceSource.AUDIT, coveredThrough, to, 5, next -> next.setAuditThrough(to)));
        }
        return intervals;
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
