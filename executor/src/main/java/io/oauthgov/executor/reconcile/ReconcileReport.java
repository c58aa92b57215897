package io.oauthgov.executor.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The delta between what oauthgov was approved to do, what it says it did, and what the live registry shows.
 *
 * @param counts approvals per status (every status present, zero included)
 * @param approvals one line per approval, latest status first by org and client
 * @param deletedOutsideOauthgov clients oauthgov once saw that are gone, without oauthgov having deleted them
 * @param reportedDeletedButLive clients with a DELETED outcome that the live registry still shows as usable: drift
 *                               an operator must look at
 * @param unreadableApprovals approved-deletion records that could not be read (the executor rejected them too)
 */
public record ReconcileReport(
        Instant generatedAt,
        Instant since,
        Map<ReconcileStatus, Long> counts,
        List<Line> approvals,
        List<Missing> deletedOutsideOauthgov,
        List<Line> reportedDeletedButLive,
        long unreadableApprovals) {

    public record Line(String orgId, String clientId, String approvalId, String approver, Instant approvedAt,
                       ReconcileStatus status, Instant statusAt, String detail, String contextId) {}

    public record Missing(String orgId, String clientId, String clientName, Instant lastSeenAt) {}
}
