package io.oauthgov.simulator.model;

import java.time.Instant;

/**
 * One row of a usage query result. Dimension fields the query did not group by are null, as in the real API.
 */
public record UsageRow(String clientId, String clientName, String organizationId, String templateUri,
        String httpMethod, Instant date, UsageCounts counts) {
}
