package io.oauthgov.collector;

import java.time.Duration;

/**
 * @param backfill how far back the first run reads evidence (default 180 days: one stale window)
 * @param transactionalId the collector's Kafka transactional id; two collectors with the same id fence each other
 * @param auditPageSize audit results per page (1..500)
 * @param auditSettle how far behind now audit reads stop: the platform indexes entries with a delay, and an entry
 *                    that lands after its interval was read would otherwise be skipped for good
 */
public record CollectorSettings(Duration backfill, String transactionalId, int auditPageSize, Duration auditSettle) {
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
    }

    public static CollectorSettings defaults() {
        return new CollectorSettings(Duration.ofDays(180), "oauthgov-collector", 500, Duration.ofMinutes(5));
    }

    public CollectorSettings withTransactionalId(String id) {
        return new CollectorSettings(backfill, id, auditPageSize, auditSettle);
    }

    public CollectorSettings withBackfill(Duration newBackfill) {
        return new CollectorSettings(newBackfill, transactionalId, auditPageSize, auditSettle);
    }

    /** The simulator's audit log is consistent at once; tests and the demo read it up to now. */
    public CollectorSettings withAuditSettle(Duration settle) {
        return new CollectorSettings(backfill, transactionalId, auditPageSize, settle);
    }
}
