package io.oauthgov.collector.snapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether one listing of an organization's OAuth clients is complete enough to be trusted. The list
 * endpoint has no cursor or consistency guarantee, so completeness is judged from what it returned: the count
 * must equal the listing's own {@code total}, no id may appear twice, and when a second pass was taken (because
 * the listing paged or the counts disagreed) both passes must name the same ids.
 *
 * <p>Only a verified snapshot may cause tombstones: an incomplete listing would otherwise "delete" the clients
 * it happened to miss.
 */
public record SnapshotVerification(boolean verified, List<String> failureReasons) {
    public static final String TOTAL_MISMATCH = "TOTAL_MISMATCH";
    public static final String DUPLICATE_IDS = "DUPLICATE_IDS";
    public static final String LISTING_DRIFT = "LISTING_DRIFT";
    public static final String API_ERROR = "API_ERROR";

    public SnapshotVerification {
        failureReasons = List.copyOf(failureReasons);
    }

    /**
     * @param ids ids in the order the listing returned them
     * @param declaredTotal the listing's {@code total}
     * @param secondPassIds ids of a confirming second listing, or null when none was taken
     */
    public static SnapshotVerification of(List<String> ids, long declaredTotal, List<String> secondPassIds) {
        List<String> reasons = new ArrayList<>();
        Set<String> distinct = new HashSet<>(ids);
        if (distinct.size() != ids.size()) {
            reasons.add(DUPLICATE_IDS);
        }
        if (ids.size() != declaredTotal) {
            reasons.add(TOTAL_MISMATCH);
        }
        if (secondPassIds != null && !distinct.equals(new HashSet<>(secondPassIds))) {
            reasons.add(LISTING_DRIFT);
        }
        return new SnapshotVerification(reasons.isEmpty(), reasons);
    }

    public static SnapshotVerification failed(String reason) {
        return new SnapshotVerification(false, List.of(reason));
    }
}
