package io.oauthgov.collector;

import java.time.Duration;

/**
 * @param backfill how far back the first run reads evidence (default 180 days: one stale window)
 * @param transactionalId the collector's Kafka transactional id; two collectors with the same id fence each other
 * @param auditPageSize audit results per page (1..500)
 */
public record CollectorSettings(Duration backfill, String transactionalId, int auditPageSize) {
    public CollectorSettings {
        if (backfill.isNegative() || backfill.isZero()) {
            throw new IllegalArgumentException("backfill must be positive");
        }
        if (auditPageSize < 1 || auditPageSize > 500) {
            throw new IllegalArgumentException("audit page size must be 1..500");
        }
    }

    public static CollectorSettings defaults() {
        return new CollectorSettings(Duration.ofDays(180), "oauthgov-collector", 500);
    }

    public CollectorSettings withTransactionalId(String id) {
        return new CollectorSettings(backfill, id, auditPageSize);
    }

    public CollectorSettings withBackfill(Duration newBackfill) {
        return new CollectorSettings(newBackfill, transactionalId, auditPageSize);
    }
}
