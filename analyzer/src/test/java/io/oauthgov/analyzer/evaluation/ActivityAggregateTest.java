package io.oauthgov.analyzer.evaluation;

import static io.oauthgov.analyzer.Fixtures.auditChange;
import static io.oauthgov.analyzer.Fixtures.auditUse;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.endpointUsage;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityAggregateTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    void applyingTheSameEvidenceTwiceChangesNothing() {
        ActivityAggregate once = ActivityAggregate.EMPTY.with(usage("c", NOW.minus(days(1)), 100))
                .with(auditUse("c", NOW.minus(days(2)))).with(auditChange("c", NOW, "Bob"));

        ActivityAggregate twice = once.with(usage("c", NOW.minus(days(1)), 100))
                .with(auditUse("c", NOW.minus(days(2)))).with(auditChange("c", NOW, "Bob"));

        assertThat(twice).isEqualTo(once);
        assertThat(twice.requestsSince(NOW.minus(days(7)))).isEqualTo(100);
    }

    @Test
    void olderEvidenceNeverMovesLastUseBackwards() {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY.with(auditUse("c", NOW)).with(auditUse("c", NOW.minus(days(9))));

        assertThat(aggregate.lastAuditUseAt()).isEqualTo(NOW);
        assertThat(aggregate.lastUsedAt()).isEqualTo(NOW);
        assertThat(aggregate.lastUsageAt()).isNull();
    }

    @Test
    void changesAreNotUse() {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY.with(auditChange("c", NOW, "Bob"));

        assertThat(aggregate.lastUsedAt()).isNull();
        assertThat(aggregate.lastChangedAt()).isEqualTo(NOW);
    }

    @Test
    void atMostFourHundredDaysOfRequestCountsAreKept() {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY;
        for (int d = 0; d < 450; d++) {
            aggregate = aggregate.with(usage("c", NOW.minus(days(d)), 1));
        }

        assertThat(aggregate.requestsPerDay()).hasSize(ActivityAggregate.MAX_DAYS);
        assertThat(aggregate.requestsSince(NOW.minus(days(30)))).isEqualTo(31);
    }

    @Test
    void rowsPerEndpointAddUpToTheDaysTotalAndStayIdempotent() {
        ActivityAggregate aggregate = ActivityAggregate.EMPTY
                .with(endpointUsage("c", NOW, "GET", "api/v2/users", 40))
                .with(endpointUsage("c", NOW, "POST", "api/v2/users", 2))
                .with(endpointUsage("c", NOW, "GET", "api/v2/users", 40))
                .with(endpointUsage("c", NOW.minus(days(3)), "GET", "api/v2/routing/queues", 5));

        assertThat(aggregate.requestsSince(NOW.minus(days(1)))).isEqualTo(42);
        assertThat(aggregate.requestsSince(NOW.minus(days(7)))).isEqualTo(47);
        assertThat(aggregate.requestsByEndpointSince(NOW.minus(days(7)))).containsExactly(
                java.util.Map.entry(new Endpoint("GET", "api/v2/routing/queues"), 5L),
                java.util.Map.entry(new Endpoint("GET", "api/v2/users"), 40L),
                java.util.Map.entry(new Endpoint("POST", "api/v2/users"), 2L));
        assertThat(aggregate.requestsByEndpointSince(NOW.minus(days(1)))).doesNotContainKey(
                new Endpoint("GET", "api/v2/routing/queues"));
    }
}
