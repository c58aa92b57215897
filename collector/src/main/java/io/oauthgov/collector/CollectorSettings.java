package io.oauthgov.collector;

import java.time.Duration;

/**
 * @param backfill how far back the first run reads evidence (default 180 days: one stale window)
 * @param transactionalId the prefix of the collector's Kafka transactional ids: each organization is published with
 *                        its own, {@code <prefix>-<orgId>} ({@link #transactionalIdOf}), so two collectors that
 *                        collect the same org fence each other for that org and no other
 * @param auditPageSize audit results per page (1..500)
 * @param auditSettle how far behind now audit reads stop: the platform indexes entries with a delay, and an entry
 *                    that lands after its interval was read would otherwise be skipped for good
 * @param parallelOrgs how many organizations are collected at once, each on its own worker through its own identity
 *                     (1..{@value #MAX_PARALLEL_ORGS}); {@link #parallelOrgsFor} applies the default
 * @param usageBatchDays the most usage days one query reads and one transaction publishes (with the checkpoint that
 *                       covers them): what bounds the collector's memory on a first 180-day read, and what a crash
 *                       can make the next run read again (default {@value #DEFAULT_USAGE_BATCH_DAYS})
 */
public record CollectorSettings(Duration backfill, String transactionalId, int auditPageSize, Duration auditSettle,
                                int parallelOrgs, int usageBatchDays) {
    /**
     * The default and the most of {@link #parallelOrgs}: a worker spends nearly all its time waiting for its
     * identity's rate budget, so 32 workers cost little CPU, but each holds an HTTP client and a Kafka producer.
     */
    public static final int MAX_PARALLEL_ORGS = 32;
    /** {@link #parallelOrgs} meaning "every configured org, up to {@value #MAX_PARALLEL_ORGS}". */
    public static final int ALL_ORGS = 0;
    /**
     * A first read of 180 days is 18 queries, each ten days of every client's rows: at 30 days a 20,000-client org
     * kept 567 MB live at once (the largest answer as a JSON tree, its rows and its evidence), at 10 days about a third.
     */
    public static final int DEFAULT_USAGE_BATCH_DAYS = 10;

    public CollectorSettings {
        if (backfill.isNegative() || backfill.isZero()) {
            throw new IllegalArgumentException("backfill must be positive");
        }
        if (auditSettle.isNegative()) {
            throw new IllegalArgumentException("audit settle delay must not be negative");
        }
        if (auditPageSize < 1 || auditPageSize > 500) {
            throw new IllegalArgumentException("audit page size must be 1..500");
        }
        if (parallelOrgs < ALL_ORGS || parallelOrgs > MAX_PARALLEL_ORGS) {
            throw new IllegalArgumentException("parallel orgs must be 1.." + MAX_PARALLEL_ORGS + " (or 0 for all), was " + parallelOrgs);
        }
        if (usageBatchDays < 1) {
            throw new IllegalArgumentException("usage batch days must be at least 1, was " + usageBatchDays);
        }
    }

    public CollectorSettings(Duration backfill, String transactionalId, int auditPageSize, Duration auditSettle) {
        this(backfill, transactionalId, auditPageSize, auditSettle, ALL_ORGS);
    }

    public CollectorSettings(Duration backfill, String transactionalId, int auditPageSize, Duration auditSettle, int parallelOrgs) {
        this(backfill, transactionalId, auditPageSize, auditSettle, parallelOrgs, DEFAULT_USAGE_BATCH_DAYS);
    }

    public static CollectorSettings defaults() {
        return new CollectorSettings(Duration.ofDays(180), "oauthgov-collector", 500, Duration.ofMinutes(5));
    }

    public CollectorSettings withTransactionalId(String id) {
        return new CollectorSettings(backfill, id, auditPageSize, auditSettle, parallelOrgs, usageBatchDays);
    }

    public CollectorSettings withBackfill(Duration newBackfill) {
        return new CollectorSettings(newBackfill, transactionalId, auditPageSize, auditSettle, parallelOrgs, usageBatchDays);
    }

    /** The simulator's audit log is consistent at once; tests and the demo read it up to now. */
    public CollectorSettings withAuditSettle(Duration settle) {
        return new CollectorSettings(backfill, transactionalId, auditPageSize, settle, parallelOrgs, usageBatchDays);
    }

    public CollectorSettings withParallelOrgs(int orgs) {
        return new CollectorSettings(backfill, transactionalId, auditPageSize, auditSettle, orgs, usageBatchDays);
    }

    public CollectorSettings withUsageBatchDays(int days) {
        return new CollectorSettings(backfill, transactionalId, auditPageSize, auditSettle, parallelOrgs, days);
    }

    /** Workers for a cycle over {@code orgs} organizations: the setting, or all of them up to the cap. */
    public int parallelOrgsFor(int orgs) {
        int wanted = parallelOrgs == ALL_ORGS ? MAX_PARALLEL_ORGS : parallelOrgs;
        return Math.max(1, Math.min(wanted, orgs));
    }

    /** The transactional id an organization's evidence, snapshots and checkpoints are published with. */
    public String transactionalIdOf(String orgId) {
        return transactionalId + "-" + orgId;
    }
}
