package io.oauthgov.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {
    private static final LocalDate DAY = LocalDate.of(2025, 5, 30);

    @Test
    void rowsComeDayFirstThenByClientThenByEndpointWhateverOrderTheCallsWereRecordedIn() {
        UsageLedger ledger = new UsageLedger();
        ledger.record("client-b", "B", DAY.plusDays(1), "api/v2/users", "GET", 200, 1);
        ledger.record("client-b", "B", DAY, "api/v2/users", "POST", 200, 1);
        ledger.record("client-a", "A", DAY.plusDays(1), "api/v2/users", "GET", 200, 1);
        ledger.record("client-b", "B", DAY, "api/v2/groups", "GET", 200, 1);
        ledger.record("client-a", "A", DAY, "api/v2/users", "GET", 200, 2);
        ledger.record("client-a", "A", DAY, "api/v2/users", "GET", 429, 1);

        List<UsageRow> rows = ledger.query(new UsageQuery(Instant.parse("2025-05-30T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"),
                UsageQuery.Granularity.Day, EnumSet.allOf(UsageQuery.GroupBy.class)), "org-1", null);

        assertThat(rows).extracting(r -> r.date() + " " + r.clientId() + " " + r.templateUri() + " " + r.httpMethod()).containsExactly(
                "2025-05-30T00:00:00Z client-a api/v2/users GET",
                "2025-05-30T00:00:00Z client-b api/v2/groups GET",
                "2025-05-30T00:00:00Z client-b api/v2/users POST",
                "2025-05-31T00:00:00Z client-a api/v2/users GET",
                "2025-05-31T00:00:00Z client-b api/v2/users GET");
        assertThat(rows.get(0).counts().requests()).as("one row per day, client and endpoint, its calls summed").isEqualTo(3);
    }
}
