package io.oauthgov.collector;

import java.util.List;

/**
 * What one organization's collection did: the snapshot verdict, what was published, what it cost in calls, and the
 * evidence coverage the org has after it ({@code usageFrom}..{@code usageThrough} and {@code auditFrom}..
 * {@code auditThrough}, ISO-8601 UTC, null when never read; {@code evidenceError} names the gaps of this run).
 * {@code gaveUp} says why the collector gave up on the org this run — its identity's calls kept failing (5xx,
 * timeouts) without a success for the configured time ({@code GovernanceConfig.giveUpAfter}, 5 minutes by default);
 * null when it did not. Other orgs are collected regardless, and the next run tries again. {@code authorization}
 * says what the roles and divisions read found.
 */
public record OrgReport(
        String orgId,
        String snapshotId,
        boolean verified,
        List<String> failureReasons,
        int clients,
        int pages,
        int detailReads,
        int tombstones,
        int usageEvidence,
        int auditEvidence,
        long calls,
        long throttled,
        long waitedMillis,
        String evidenceError,
        String usageFrom,
        String usageThrough,
        String auditFrom,
        String auditThrough,
        String gaveUp,
        String authorization) {

    /** Why an org was left this cycle when another collector instance took it over mid-way. */
    public static final String FENCED = "FENCED";

    /** The org was taken over by another collector instance during this collection: nothing of it was published. */
    static OrgReport fenced(String orgId) {
        return new OrgReport(orgId, null, false, List.of(FENCED), 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null,
                "another collector instance took this org over (this one's Kafka producer for it is fenced)", "roles/divisions not published");
    }

    public String progressLine() {
        return String.format("org %s: %d clients in %d page(s), snapshot %s%s, %d detail reads, %d tombstones, "
                        + "%s, %d usage + %d audit evidence, %d calls, %d x 429, waited %.1f s%s%s",
                orgId, clients, pages, verified ? "verified" : "NOT verified", verified ? "" : " " + failureReasons,
                detailReads, tombstones, authorization, usageEvidence, auditEvidence, calls, throttled, waitedMillis / 1000.0,
                gaveUp == null ? "" : " — GAVE UP on this org (the next run tries again): " + gaveUp,
                evidenceError == null ? "" : " — EVIDENCE GAPS, coverage not extended (the next run reads them again): " + evidenceError);
    }
}
